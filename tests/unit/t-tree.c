/*
 * Unit tests for tree/: a zip written here with libarchive's zip writer is
 * listed, stat()ed and read through tree.h; bad members are refused.
 */
#include <stdlib.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "unit.h"
#include "../../lib/err.h"
#include "../../tree/tree-int.h"	/* tree_is_zip_file() */

static char	refusals[1024];

static void
collect_refused(const char *member, const char *reason, void *arg)
{
	size_t	n = strlen(refusals);

	(void)arg;
	snprintf(refusals + n, sizeof refusals - n, "%s: %s\n", member, reason);
}

/* Adds one member; type is AE_IFREG, AE_IFDIR or AE_IFLNK (data = target). */
static void
add(struct archive *a, const char *name, int type, const char *data)
{
	struct archive_entry	*e = archive_entry_new();
	size_t			 len = type == AE_IFREG ? strlen(data) : 0;

	archive_entry_set_pathname(e, name);
	archive_entry_set_filetype(e, type);
	archive_entry_set_perm(e, type == AE_IFDIR ? 0755 : 0644);
	archive_entry_set_mtime(e, 1700000000, 0);
	archive_entry_set_size(e, (la_int64_t)len);
	if (type == AE_IFLNK)
		archive_entry_set_symlink(e, data);
	if (archive_write_header(a, e) != ARCHIVE_OK ||
	    (len > 0 && archive_write_data(a, data, len) != (la_ssize_t)len))
		die("writing '%s': %s", name, archive_error_string(a));
	archive_entry_free(e);
}

static struct archive *
zip_new(const char *path)
{
	struct archive	*a = archive_write_new();

	archive_write_set_format_zip(a);
	if (archive_write_open_filename(a, path) != ARCHIVE_OK)
		die("cannot write '%s': %s", path, archive_error_string(a));
	return a;
}

static void
zip_done(struct archive *a)
{
	if (archive_write_close(a) != ARCHIVE_OK)
		die("closing zip: %s", archive_error_string(a));
	archive_write_free(a);
}

int
main(void)
{
	char			 dir[] = "/tmp/t-tree.XXXXXX";
	char			 path[64], why[256], empty[64], text[64];
	char			*data;
	struct tree		*t;
	struct tree_entry	*ents, st;
	struct archive		*a;
	size_t			 n, len;
	long			 skipped = 0;
	FILE			*fp;

	if (mkdtemp(dir) == NULL)
		die("mkdtemp failed");
	snprintf(path, sizeof path, "%s/t.zip", dir);
	snprintf(empty, sizeof empty, "%s/empty.zip", dir);
	snprintf(text, sizeof text, "%s/text.zip", dir);

	a = zip_new(path);
	add(a, "a/b/c.txt", AE_IFREG, "hello");
	add(a, "./d.txt", AE_IFREG, "dd");
	add(a, ".hidden", AE_IFREG, "h");
	add(a, "../evil.jpg", AE_IFREG, "evil");
	add(a, "/etc/x", AE_IFREG, "evil");
	add(a, "link", AE_IFLNK, "/etc/passwd");
	add(a, "e/", AE_IFDIR, "");
	add(a, "zero.txt", AE_IFREG, "");
	zip_done(a);
	zip_done(zip_new(empty));
	if ((fp = fopen(text, "w")) == NULL)
		die("cannot write '%s'", text);
	fputs("not a zip\n", fp);
	fclose(fp);

	CHECK(tree_is_zip_file(path));
	CHECK(tree_is_zip_file(empty));
	CHECK(!tree_is_zip_file(text));
	CHECK(!tree_is_zip_file(dir));

	CHECK_INT(tree_open(path, &t, collect_refused, NULL), 0);
	CHECK_STR(refusals,
	    "../evil.jpg: member path escapes the archive\n"
	    "/etc/x: member path escapes the archive\n"
	    "link: member is a symbolic link\n");
	CHECK_INT(tree_kind(t), TREE_ZIP);
	CHECK_STR(tree_path(t), path);

	CHECK_INT(tree_list(t, "", &ents, &n, &skipped), 0);
	CHECK_INT(n, 4);
	CHECK_INT(skipped, 1);
	if (n == 4) {
		CHECK_STR(ents[0].path, "a");
		CHECK_INT(ents[0].is_dir, 1);
		CHECK_STR(ents[1].path, "d.txt");
		CHECK_INT(ents[1].size, 2);
		CHECK_INT(ents[1].mtime_ns, 1700000000LL * 1000000000);
		CHECK_STR(ents[2].path, "e");
		CHECK_INT(ents[2].is_dir, 1);
		CHECK_STR(ents[3].path, "zero.txt");
	}
	tree_entries_free(ents, n);
	CHECK_INT(tree_list(t, "a", &ents, &n, NULL), 0);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_STR(ents[0].path, "a/b");
		CHECK_INT(ents[0].is_dir, 1);
	}
	tree_entries_free(ents, n);
	CHECK_INT(tree_list(t, "a/b", &ents, &n, NULL), 0);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_STR(ents[0].path, "a/b/c.txt");
		CHECK_INT(ents[0].size, 5);
	}
	tree_entries_free(ents, n);
	CHECK_INT(tree_list(t, "e", &ents, &n, NULL), 0);
	CHECK_INT(n, 0);
	tree_entries_free(ents, n);
	CHECK_INT(tree_list(t, "nope", &ents, &n, NULL), -1);
	CHECK_INT(tree_list(t, "d.txt", &ents, &n, NULL), -1);

	CHECK_INT(tree_stat(t, "a/b/c.txt", &st, why), 0);
	CHECK_INT(st.size, 5);
	CHECK_INT(tree_stat(t, "a", &st, why), -1);
	CHECK_STR(why, "not a regular file");
	CHECK_INT(tree_stat(t, "missing", &st, why), -1);
	CHECK_STR(why, "No such file or directory");
	CHECK_INT(tree_stat(t, "../evil.jpg", &st, why), -1);
	CHECK(tree_is_dir(t, ""));
	CHECK(tree_is_dir(t, "a/b"));
	CHECK(!tree_is_dir(t, "d.txt"));
	CHECK(tree_is_file(t, "d.txt"));
	CHECK(!tree_is_file(t, "link"));

	CHECK_INT(tree_read(t, "a/b/c.txt", 100, &data, &len, why), 0);
	CHECK_STR(data, "hello");
	CHECK_INT(len, 5);
	free(data);
	/* out of archive order: d.txt comes before a/b/c.txt */
	CHECK_INT(tree_read(t, "d.txt", 100, &data, &len, why), 0);
	CHECK_STR(data, "dd");
	free(data);
	CHECK_INT(tree_read(t, "zero.txt", 100, &data, &len, why), 0);
	CHECK_INT(len, 0);
	CHECK_STR(data, "");
	free(data);
	CHECK_INT(tree_read(t, "a/b/c.txt", 4, &data, &len, why), -1);
	CHECK_STR(why, "file is 5 bytes, over the limit of 4 bytes");
	CHECK(data == NULL);
	CHECK_INT(tree_read(t, "a/b", 100, &data, &len, why), -1);
	CHECK_STR(why, "not a regular file");
	CHECK_INT(tree_read(t, "../evil.jpg", 100, &data, &len, why), -1);
	CHECK_STR(why, "No such file or directory");
	tree_close(t);

	CHECK_INT(tree_open(empty, &t, NULL, NULL), 0);
	CHECK_INT(tree_list(t, "", &ents, &n, NULL), 0);
	CHECK_INT(n, 0);
	tree_entries_free(ents, n);
	tree_close(t);

	CHECK_INT(tree_open(text, &t, NULL, NULL), -1);
	CHECK(t == NULL);

	unlink(path);
	unlink(empty);
	unlink(text);
	rmdir(dir);
	return unit_done();
}
