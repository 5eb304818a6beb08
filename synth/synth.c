/*
 * synth/synth.c: synth_dataset(), writing the base layout (DATASETS.md
 * section 1) from a plan (plan.c) and drawn photos (draw.c).  Photos are
 * drawn and encoded by a few threads that take jobs from a shared
 * counter; every photo depends only on its own seeds, so the bytes are
 * the same whatever the number of threads.
 */
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <sys/file.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../image/image.h"
#include "../lib/err.h"
#include "../lib/fs.h"
#include "../lib/labels.h"
#include "plan.h"
#include "rng.h"
#include "synth.h"

#define JPEG_QUALITY	90
#define FORK_BYTES	4096
#define MAX_JOBS	16

struct work {
	const struct synth_plan	*plan;
	const char		*dir;
	int			 n_train;	/* photos: persons * 7 */
	int			 n_total;	/* + eval */
	atomic_int		 next;
	atomic_int		 failed;
};

/* Writes len bytes to path through a temporary file and rename(). */
static int
write_atomic(const char *path, const void *data, size_t len)
{
	char		*tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	const char	*p = data;
	ssize_t		 w;
	int		 fd, rc = -1;

	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd == -1) {
		error_errno("cannot write '%s'", path);
		goto out;
	}
	while (len > 0) {
		w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			error_errno("cannot write '%s'", path);
			close(fd);
			goto fail;
		}
		p += w;
		len -= (size_t)w;
	}
	if (close(fd) != 0) {
		error_errno("cannot write '%s'", path);
		goto fail;
	}
	if (rename(tmp, path) != 0) {
		error_errno("cannot rename '%s' to '%s'", tmp, path);
		goto fail;
	}
	rc = 0;
	goto out;
fail:
	unlink(tmp);
out:
	free(tmp);
	return rc;
}

/* Writes what a memstream collected; fp is closed either way. */
static int
write_stream(const char *path, FILE *fp, char **buf, size_t *len)
{
	int	rc;

	if (fclose(fp) != 0) {
		free(*buf);
		return error_errno("cannot build '%s'", path);
	}
	rc = write_atomic(path, *buf, *len);
	free(*buf);
	return rc;
}

/*
 * An AppleDouble header (what macOS leaves as "._name" on foreign disks)
 * followed by junk: importers must skip these by name.
 */
static int
write_fork(const char *path, uint64_t seed)
{
	static const unsigned char	head[] = {
		0x00, 0x05, 0x16, 0x07, 0x00, 0x02, 0x00, 0x00,
		'M', 'a', 'c', ' ', 'O', 'S', ' ', 'X',
		' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', 0x00, 0x02
	};
	unsigned char			buf[FORK_BYTES];
	struct synth_rng		r;
	size_t				i;

	synth_rng_seed(&r, seed);
	memset(buf, 0, sizeof buf);
	memcpy(buf, head, sizeof head);
	for (i = 64; i < sizeof buf; i += 8) {
		uint64_t	v = synth_rng_next(&r);

		if (i < 512 || (v & 7) == 0)
			memcpy(buf + i, &v, 8);
	}
	return write_atomic(path, buf, sizeof buf);
}

/* Blurs rgb in place: three passes of a (2r+1)-wide box, both ways. */
static void
blur(unsigned char *rgb, int r)
{
	static const int	 dx[2] = { 3, SYNTH_W * 3 };
	static const int	 len[2] = { SYNTH_W, SYNTH_H };
	static const int	 lines[2] = { SYNTH_H, SYNTH_W };
	unsigned char		*line = xmalloc(SYNTH_H > SYNTH_W ? SYNTH_H : SYNTH_W);
	int			 pass, dir, l, c, i, k, sum, lo, hi, step, base;

	for (pass = 0; pass < 3; pass++) {
		for (dir = 0; dir < 2; dir++) {
			step = dx[dir];
			for (l = 0; l < lines[dir]; l++) {
				for (c = 0; c < 3; c++) {
					base = (dir == 0 ? l * SYNTH_W * 3 :
					    l * 3) + c;
					for (i = 0; i < len[dir]; i++)
						line[i] = rgb[base + i * step];
					for (i = 0; i < len[dir]; i++) {
						lo = i - r < 0 ? 0 : i - r;
						hi = i + r >= len[dir] ?
						    len[dir] - 1 : i + r;
						for (sum = 0, k = lo; k <= hi; k++)
							sum += line[k];
						rgb[base + i * step] =
						    (unsigned char)(sum /
						    (hi - lo + 1));
					}
				}
			}
		}
	}
	free(line);
}

/* Draws and writes photo j (train photos first, then eval). */
static int
do_photo(struct work *w, int j, unsigned char *rgb)
{
	const struct synth_person	*p;
	struct synth_look		 look;
	char				*path;
	int				 k, ext, rc, dirt = 0, q = JPEG_QUALITY;
	size_t				 i;

	if (j < w->n_train) {
		p = &w->plan->persons[j / SYNTH_FILES];
		k = j % SYNTH_FILES;
		ext = p->ext[k];
		dirt = p->dirt[k];
		if (dirt == SYNTH_DIRT_DUPLICATE ||
		    dirt == SYNTH_DIRT_REENCODED) {
			/* The other photo's look gives its very pixels. */
			synth_file_look(&w->plan->persons[p->src[k] /
			    SYNTH_FILES], p->src[k] % SYNTH_FILES, &look);
			if (dirt == SYNTH_DIRT_REENCODED)
				q = 60;
		} else
			synth_file_look(p, k, &look);
		path = xasprintf("%s/train/images/%s/%s%s", w->dir, p->folder,
		    synth_file_base(k), synth_ext_name(ext));
	} else {
		const struct synth_eval	*e = &w->plan->eval[j - w->n_train];

		look = e->look;
		ext = SYNTH_EXT_JPG;
		path = xasprintf("%s/eval/images/%s", w->dir, e->name);
	}
	synth_draw(rgb, &look);
	if (dirt == SYNTH_DIRT_DARK)
		for (i = 0; i < (size_t)SYNTH_W * SYNTH_H * 3; i++)
			rgb[i] = (unsigned char)(rgb[i] * 12 / 100);
	else if (dirt == SYNTH_DIRT_BLURRY)
		blur(rgb, 6);
	if (ext == SYNTH_EXT_PNG && dirt != SYNTH_DIRT_REENCODED)
		rc = img_write_png(path, rgb, SYNTH_W, SYNTH_H);
	else
		rc = img_write_jpeg(path, rgb, SYNTH_W, SYNTH_H, q);
	free(path);
	return rc;
}

static void *
worker(void *arg)
{
	struct work	*w = arg;
	unsigned char	*rgb = xmalloc((size_t)SYNTH_W * SYNTH_H * 3);
	int		 j;

	while (!atomic_load(&w->failed)) {
		j = atomic_fetch_add(&w->next, 1);
		if (j >= w->n_total)
			break;
		if (do_photo(w, j, rgb) != 0)
			atomic_store(&w->failed, 1);
	}
	free(rgb);
	return NULL;
}

static int
draw_all(struct work *w, int jobs)
{
	pthread_t	tid[MAX_JOBS];
	int		i, started = 0, err;

	for (i = 1; i < jobs; i++) {
		if ((err = pthread_create(&tid[started], NULL, worker, w)) != 0) {
			/* Fewer threads only make it slower. */
			warning("cannot start a drawing thread: %s",
			    strerror(err));
			break;
		}
		started++;
	}
	worker(w);
	for (i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	return atomic_load(&w->failed) ? -1 : 0;
}

static int
make_folders(const struct synth_plan *pl, const char *dir, int *forks)
{
	const struct synth_person	*p;
	char				*path;
	int				 i, k, rc;

	*forks = 0;
	for (i = 0; i < pl->n_persons; i++) {
		p = &pl->persons[i];
		path = xasprintf("%s/train/images/%s", dir, p->folder);
		rc = fs_mkdir_new(path);
		free(path);
		if (rc != 0)
			return -1;
		for (k = 0; k < SYNTH_FILES; k++) {
			if (!(p->forks & (1u << k)))
				continue;
			path = xasprintf("%s/train/images/%s/._%s%s", dir,
			    p->folder, synth_file_base(k),
			    synth_ext_name(p->ext[k]));
			rc = write_fork(path, synth_seed_mix(p->seed,
			    0x666f726bULL + (uint64_t)k));
			free(path);
			if (rc != 0)
				return -1;
			(*forks)++;
		}
	}
	return 0;
}

static int
write_train_csv(const struct synth_plan *pl, const char *dir)
{
	const struct synth_person	*p;
	char				*path, *buf = NULL;
	size_t				 len = 0;
	FILE				*fp;
	int				 i, rc;

	path = xasprintf("%s/train/train.csv", dir);
	if ((fp = open_memstream(&buf, &len)) == NULL) {
		rc = error_errno("cannot build '%s'", path);
		free(path);
		return rc;
	}
	fputs("id,gender,race,age,path\n", fp);
	for (i = 0; i < pl->n_persons; i++) {
		p = &pl->persons[i];
		fprintf(fp, "%s,%s,Asian,%d,%s\n", p->id,
		    label_gender_word(p->label_gender), p->label_age,
		    p->folder);
	}
	rc = write_stream(path, fp, &buf, &len);
	free(path);
	return rc;
}

static int
write_info_csv(const struct synth_plan *pl, const char *dir)
{
	char	*path, *buf = NULL;
	size_t	 len = 0;
	FILE	*fp;
	int	 i, rc;

	path = xasprintf("%s/eval/info.csv", dir);
	if ((fp = open_memstream(&buf, &len)) == NULL) {
		rc = error_errno("cannot build '%s'", path);
		free(path);
		return rc;
	}
	fputs("ImageID,ans\n", fp);
	for (i = 0; i < pl->n_eval; i++)
		fprintf(fp, "%s,0\n", pl->eval[i].name);
	rc = write_stream(path, fp, &buf, &len);
	free(path);
	return rc;
}

static int
write_truth(const struct synth_plan *pl, const char *path)
{
	const struct synth_person	*p;
	char				*buf = NULL;
	size_t				 len = 0;
	FILE				*fp;
	int				 i;

	if ((fp = open_memstream(&buf, &len)) == NULL)
		return error_errno("cannot build '%s'", path);
	fputs("kind,person,file,true_value,labelled_value\n", fp);
	for (i = 0; i < pl->n_persons; i++) {
		p = &pl->persons[i];
		switch (p->error) {
		case SYNTH_ERR_GENDER:
			fprintf(fp, "gender_flip,%s,,%s,%s\n", p->folder,
			    label_gender_word(p->gender),
			    label_gender_word(p->label_gender));
			break;
		case SYNTH_ERR_SWAP:
			fprintf(fp, "swap,%s,%s%s,%s,%s\n", p->folder,
			    synth_file_base(5), synth_ext_name(p->ext[5]),
			    label_mask_word(MASK_NOT_WEAR),
			    label_mask_word(MASK_INCORRECT));
			fprintf(fp, "swap,%s,%s%s,%s,%s\n", p->folder,
			    synth_file_base(6), synth_ext_name(p->ext[6]),
			    label_mask_word(MASK_INCORRECT),
			    label_mask_word(MASK_NOT_WEAR));
			break;
		case SYNTH_ERR_AGE:
			fprintf(fp, "wrong_age,%s,,%d,%d\n", p->folder, p->age,
			    p->label_age);
			break;
		default:
			break;
		}
	}
	return write_stream(path, fp, &buf, &len);
}

static int
write_dirt(const struct synth_plan *pl, const char *path)
{
	static const char *const kinds[] = {
		"", "dark", "blurry", "duplicate", "reencoded"
	};
	const struct synth_person	*p, *sp;
	char				*buf = NULL;
	size_t				 len = 0;
	FILE				*fp;
	int				 i, k, d;

	if ((fp = open_memstream(&buf, &len)) == NULL)
		return error_errno("cannot build '%s'", path);
	fputs("kind,path,source_path\n", fp);
	for (i = 0; i < pl->n_persons; i++) {
		p = &pl->persons[i];
		for (k = 0; k < SYNTH_FILES; k++) {
			if ((d = p->dirt[k]) == SYNTH_DIRT_NONE)
				continue;
			fprintf(fp, "%s,images/%s/%s%s,", kinds[d], p->folder,
			    synth_file_base(k), synth_ext_name(p->ext[k]));
			if (d >= SYNTH_DIRT_DUPLICATE) {
				sp = &pl->persons[p->src[k] / SYNTH_FILES];
				fprintf(fp, "images/%s/%s%s", sp->folder,
				    synth_file_base(p->src[k] % SYNTH_FILES),
				    synth_ext_name(sp->ext[p->src[k] %
				    SYNTH_FILES]));
			}
			fputc('\n', fp);
		}
	}
	return write_stream(path, fp, &buf, &len);
}

static int
default_jobs(void)
{
	long	n = sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		return 1;
	return n > MAX_JOBS ? MAX_JOBS : (int)n;
}

/* See synth.h. */
int
synth_dataset(const struct synth_opts *o, struct synth_stats *stats)
{
	struct synth_plan	 plan;
	struct synth_opts	 opts = *o;
	struct work		 w;
	struct stat		 st;
	char			*train = NULL, *eval = NULL, *sub = NULL;
	struct fs_stage		 stage = { NULL, -1 };
	int			 rc = -1, jobs, forks = 0;

	memset(&plan, 0, sizeof plan);
	if (opts.persons < 1 || opts.persons > SYNTH_MAX_PERSONS)
		return error("cannot synthesise %d persons (1 to %d)",
		    opts.persons, SYNTH_MAX_PERSONS);
	if (opts.eval_images < 0)
		opts.eval_images = (int)((long long)12600 * opts.persons /
		    SYNTH_REAL_PERSONS);
	if (opts.eval_images > SYNTH_MAX_EVAL)
		return error("cannot synthesise %d eval images (at most %d)",
		    opts.eval_images, SYNTH_MAX_EVAL);
	jobs = opts.jobs > 0 ? opts.jobs : default_jobs();
	if (jobs > MAX_JOBS)
		jobs = MAX_JOBS;
	train = xasprintf("%s/train", opts.dir);
	eval = xasprintf("%s/eval", opts.dir);
	/* Check both before creating either, so a refusal changes nothing. */
	if (lstat(train, &st) == 0) {
		error("'%s' already exists; refusing to overwrite it", train);
		goto out;
	}
	if (lstat(eval, &st) == 0) {
		error("'%s' already exists; refusing to overwrite it", eval);
		goto out;
	}
	/*
	 * Everything is written into a staging folder beside them and
	 * renamed into place at the end, so a run that fails or is killed
	 * leaves no half-written DIR/train to refuse next time.
	 */
	if (fs_mkdir_p(opts.dir) != 0 ||
	    fs_stage_open(&stage, opts.dir, ".synth-", NULL) != 0)
		goto out;
	sub = xasprintf("%s/train/images", stage.path);
	if (fs_mkdir_p(sub) != 0)
		goto out;
	free(sub);
	sub = xasprintf("%s/eval/images", stage.path);
	if (fs_mkdir_p(sub) != 0)
		goto out;
	synth_plan_make(&plan, &opts);
	if (make_folders(&plan, stage.path, &forks) != 0)
		goto out;
	memset(&w, 0, sizeof w);
	w.plan = &plan;
	w.dir = stage.path;
	w.n_train = plan.n_persons * SYNTH_FILES;
	w.n_total = w.n_train + plan.n_eval;
	atomic_init(&w.next, 0);
	atomic_init(&w.failed, 0);
	if (draw_all(&w, jobs) != 0)
		goto out;
	if (write_info_csv(&plan, stage.path) != 0 ||
	    write_train_csv(&plan, stage.path) != 0)
		goto out;
	free(sub);
	sub = xasprintf("%s/train", stage.path);
	if (rename(sub, train) != 0) {
		error_errno("cannot rename '%s' to '%s'", sub, train);
		goto out;
	}
	free(sub);
	sub = xasprintf("%s/eval", stage.path);
	if (rename(sub, eval) != 0) {
		error_errno("cannot rename '%s' to '%s'", sub, eval);
		goto out;
	}
	if (opts.dirt_csv != NULL && write_dirt(&plan, opts.dirt_csv) != 0)
		goto out;
	if (opts.errors_csv != NULL && write_truth(&plan, opts.errors_csv) != 0)
		goto out;
	if (stats != NULL) {
		stats->persons = plan.n_persons;
		stats->photos = w.n_train;
		stats->eval_images = plan.n_eval;
		stats->errors = plan.n_errors;
		stats->dirt = plan.n_dirt;
		stats->forks = forks;
		stats->jobs = jobs;
	}
	rc = 0;
out:
	fs_stage_close(&stage, 1);	/* only the lock is left after success */
	synth_plan_release(&plan);
	free(train);
	free(eval);
	free(sub);
	return rc;
}
