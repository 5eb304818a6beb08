/* tests/helper/mkimg.c: placeholder. */
int main(void) { return 0; }
