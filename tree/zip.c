/*
 * tree/zip.c: the zip backend of a tree, on libarchive.
 *
 * Opening reads the central directory once with libarchive's seekable zip
 * reader and keeps an index of the members (path, type, size, mtime, and
 * where the member lies in the file); no member data stays in memory.
 *
 * Reading a member seeks straight to it: each read starts a short-lived
 * streaming zip reader on a window of the file that begins where the
 * previous member's data ended (recorded while indexing), so the reader
 * meets the member's local header at once, then inflates and checks the
 * CRC.  No read depends on the one before, so any order costs the same as
 * archive order: there is no reopening and skipping over earlier members.
 *
 * What libarchive (3.6) does with damaged archives, and so what we do:
 *   - the seekable reader bids only when it finds the end-of-central-
 *     directory record, so a truncated zip (whose tail is gone) fails in
 *     tree_zip_open() with "Unrecognized archive format", which we report
 *     with the file name and a hint that the directory is missing;
 *   - while indexing, the seekable reader visits every member's local
 *     header, so a damaged header or directory fails tree_zip_open() too;
 *   - damaged member data (bad CRC, truncated deflate stream) is only seen
 *     when that member is read: tree_read() fails for it alone, with
 *     "damaged zip member: <libarchive message>".
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "tree-int.h"
#include "../lib/err.h"

#define ZIP_NONE	SIZE_MAX
#define ZIP_BLOCK	(64u << 10)	/* one pread() for libarchive */
#define ZIP_MIN_BLOCK	4096u

#define WHY_ESCAPES	"member path escapes the archive"
#define WHY_SYMLINK	"member is a symbolic link"
#define WHY_HARDLINK	"member is a hard link"
#define WHY_SPECIAL	"member is not a regular file or folder"
#define WHY_NONAME	"member has no usable name"
#define WHY_UNCLEAN	"member path has an empty or '.' component"
#define WHY_DUP		"member has the same path as an earlier member"
#define WHY_INFILE	"member path runs through a file member"

struct zip_ent {
	char		*path;		/* normalized, "" for the root */
	int		 is_dir;
	int64_t		 size;
	int64_t		 mtime_ns;
	long		 ordinal;	/* in archive order; -1 if implied */
	int64_t		 start;		/* local header is at or after this */
	int64_t		 data;		/* ... and its data starts here */
	size_t		 first_child;
	size_t		 next_sibling;
};

/* The file seen by libarchive through our callbacks. */
struct zip_src {
	int		 fd;
	int64_t		 pos;		/* next byte to read */
	int64_t		 size;		/* of the whole file */
	int64_t		 soft_end;	/* stop reading about here */
	size_t		 block;		/* bytes per pread(), <= ZIP_BLOCK */
	char		*buf;
	int		 err;		/* errno of a failed pread(), or 0 */
};

struct tree_zip {
	char		*path;
	int		 fd;
	int64_t		 size;
	char		*buf;		/* ZIP_BLOCK bytes for zip_src */
	struct zip_ent	*v;		/* v[0] is the root */
	size_t		 n;
	size_t		 cap;
	size_t		*slots;		/* hash of paths: index + 1, 0 = free */
	size_t		 nslots;
};

static void	zip_close(void *);

/* libarchive client callbacks (pread on our own descriptor) */

static la_ssize_t
zip_src_read(struct archive *a, void *arg, const void **out)
{
	struct zip_src	*s = arg;
	size_t		 want = s->block;
	ssize_t		 n;

	/* Reading whole 64 KiB blocks for every small member would copy far
	 * more than needed: stop near the end of the member when known. */
	if (s->soft_end > s->pos && s->soft_end - s->pos < (int64_t)want) {
		want = (size_t)(s->soft_end - s->pos);
		if (want < ZIP_MIN_BLOCK)
			want = ZIP_MIN_BLOCK;
	}
	if (s->pos >= s->size)
		return 0;
	do
		n = pread(s->fd, s->buf, want, (off_t)s->pos);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		/* libarchive may report it as a truncated archive: keep it. */
		s->err = errno;
		archive_set_error(a, errno, "%s", strerror(errno));
		return -1;
	}
	s->pos += n;
	*out = s->buf;
	return n;
}

static la_int64_t
zip_src_skip(struct archive *a, void *arg, la_int64_t request)
{
	struct zip_src	*s = arg;

	(void)a;
	if (request > s->size - s->pos)
		request = s->size - s->pos;
	if (request < 0)
		request = 0;
	s->pos += request;
	return request;
}

static la_int64_t
zip_src_seek(struct archive *a, void *arg, la_int64_t offset, int whence)
{
	struct zip_src	*s = arg;
	int64_t		 to;

	switch (whence) {
	case SEEK_SET:
		to = offset;
		break;
	case SEEK_CUR:
		to = s->pos + offset;
		break;
	case SEEK_END:
		to = s->size + offset;
		break;
	default:
		to = -1;
		break;
	}
	if (to < 0) {
		archive_set_error(a, EINVAL, "%s", strerror(EINVAL));
		return ARCHIVE_FATAL;
	}
	s->pos = to;
	return to;
}

/*
 * Why libarchive failed on s: the read error under it if there was one
 * (libarchive tends to call it a truncated archive), else its message.
 * The text is in why[256].
 */
static const char *
zip_why(struct archive *a, const struct zip_src *s, char *why)
{
	if (s->err != 0)
		snprintf(why, 256, "read error: %s", strerror(s->err));
	else
		snprintf(why, 256, "%s", archive_error_string(a) ?
		    archive_error_string(a) : "unknown libarchive error");
	return why;
}

/*
 * A reader on z's file from byte 'start': the seekable zip reader (for the
 * central directory) or the streaming one (for one member).  Returns the
 * opened archive, or NULL with the reason in why[256].
 */
static struct archive *
zip_reader_open(struct tree_zip *z, struct zip_src *s, int64_t start,
    int64_t soft_end, int seekable, char *why)
{
	struct archive	*a = archive_read_new();

	if (a == NULL)
		die("out of memory");
	s->fd = z->fd;
	s->pos = start;
	s->size = z->size;
	s->soft_end = soft_end;
	s->buf = z->buf;
	s->err = 0;
	/* The directory pass reads one small local header per seek. */
	s->block = seekable ? ZIP_MIN_BLOCK : ZIP_BLOCK;
	if (seekable) {
		archive_read_support_format_zip_seekable(a);
		archive_read_set_seek_callback(a, zip_src_seek);
	} else
		archive_read_support_format_zip_streamable(a);
	archive_read_set_read_callback(a, zip_src_read);
	archive_read_set_skip_callback(a, zip_src_skip);
	archive_read_set_callback_data(a, s);
	if (archive_read_open1(a) != ARCHIVE_OK) {
		zip_why(a, s, why);
		archive_read_free(a);
		return NULL;
	}
	return a;
}

/* the index */

static size_t
zip_hash(const char *s, size_t len)
{
	uint64_t	h = 14695981039346656037u;
	size_t		i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return (size_t)h;
}

/* The slot for path[0..len), holding its entry or free. */
static size_t *
zip_slot(const struct tree_zip *z, const char *path, size_t len)
{
	size_t	i = zip_hash(path, len) & (z->nslots - 1);
	size_t	k;

	for (;;) {
		if ((k = z->slots[i]) == 0)
			return &z->slots[i];
		if (strncmp(z->v[k - 1].path, path, len) == 0 &&
		    z->v[k - 1].path[len] == '\0')
			return &z->slots[i];
		i = (i + 1) & (z->nslots - 1);
	}
}

static struct zip_ent *
zip_find(const struct tree_zip *z, const char *path)
{
	size_t	k = *zip_slot(z, path, strlen(path));

	return k ? &z->v[k - 1] : NULL;
}

/* Adds path[0..len) under folder 'parent'; returns its index. */
static size_t
zip_add(struct tree_zip *z, const char *path, size_t len, size_t parent)
{
	struct zip_ent	*e;
	size_t		 i, k, *slot;

	if (2 * (z->n + 1) > z->nslots) {
		free(z->slots);
		z->nslots = z->nslots ? z->nslots * 2 : 1024;
		z->slots = xcalloc(z->nslots, sizeof *z->slots);
		for (k = 0; k < z->n; k++) {
			slot = zip_slot(z, z->v[k].path, strlen(z->v[k].path));
			*slot = k + 1;
		}
	}
	if (z->n == z->cap) {
		z->cap = z->cap ? z->cap * 2 : 256;
		if (z->cap > SIZE_MAX / sizeof *z->v)
			die("out of memory");
		z->v = xrealloc(z->v, z->cap * sizeof *z->v);
	}
	i = z->n++;
	e = &z->v[i];
	memset(e, 0, sizeof *e);
	e->path = xstrndup(path, len);
	e->ordinal = -1;
	e->first_child = ZIP_NONE;
	e->next_sibling = ZIP_NONE;
	if (parent != ZIP_NONE) {
		e->next_sibling = z->v[parent].first_child;
		z->v[parent].first_child = i;
	}
	*zip_slot(z, path, len) = i + 1;
	return i;
}

/* Skips any number of leading "./". */
static const char *
zip_strip_dot(const char *name)
{
	while (name[0] == '.' && name[1] == '/')
		name += 2;
	return name;
}

/*
 * True if extracting 'name' could land outside the archive's folder: an
 * absolute path (also "\x" and "C:" for the tools that honour those) or a
 * ".." component, with '\' counted as a separator too.
 */
static int
zip_escapes(const char *name)
{
	const char	*p, *c;

	if (name[0] == '/' || name[0] == '\\')
		return 1;
	if (((name[0] >= 'a' && name[0] <= 'z') ||
	    (name[0] >= 'A' && name[0] <= 'Z')) && name[1] == ':')
		return 1;
	for (c = p = name;; p++) {
		if (*p == '/' || *p == '\\' || *p == '\0') {
			if (p - c == 2 && c[0] == '.' && c[1] == '.')
				return 1;
			if (*p == '\0')
				return 0;
			c = p + 1;
		}
	}
}

/* True if p[0..len) has an empty or "." component. */
static int
zip_unclean(const char *p, size_t len)
{
	size_t	i, c = 0;

	for (i = 0; i <= len; i++) {
		if (i < len && p[i] != '/')
			continue;
		if (i == c || (i - c == 1 && p[c] == '.'))
			return 1;
		c = i + 1;
	}
	return 0;
}

/*
 * A member's name as stored: UTF-8 where the zip says so, else the raw
 * bytes.  Never converted to the locale (maskcat keeps the C locale),
 * which would turn non-ASCII letters into '?'.  Borrowed from 'ae'.
 */
static const char *
zip_entry_name(struct archive_entry *ae)
{
	const char	*name = archive_entry_pathname_utf8(ae);

	return name != NULL ? name : archive_entry_pathname(ae);
}

/*
 * Adds the member 'ae' (the ordinal-th in archive order) to the index with
 * its implied folders.  Returns its index, ZIP_NONE with *why NULL for the
 * root itself ("./"), or ZIP_NONE with the reason it is refused in *why.
 */
static size_t
zip_index_member(struct tree_zip *z, struct archive_entry *ae, long ordinal,
    const char **why)
{
	const char	*name = zip_entry_name(ae), *p;
	struct zip_ent	*e;
	mode_t		 type = archive_entry_filetype(ae);
	size_t		 len, i, k, parent = 0;

	*why = NULL;
	if (name == NULL || *name == '\0')
		return *why = WHY_NONAME, ZIP_NONE;
	if (zip_escapes(name))
		return *why = WHY_ESCAPES, ZIP_NONE;
	if (type == AE_IFLNK)
		return *why = WHY_SYMLINK, ZIP_NONE;
	if (archive_entry_hardlink(ae) != NULL)
		return *why = WHY_HARDLINK, ZIP_NONE;
	if (type != AE_IFREG && type != AE_IFDIR)
		return *why = WHY_SPECIAL, ZIP_NONE;
	p = zip_strip_dot(name);
	len = strlen(p);
	if (len > 0 && p[len - 1] == '/')
		len--;
	if (len == 0)
		return type == AE_IFDIR ? ZIP_NONE : (*why = WHY_UNCLEAN,
		    ZIP_NONE);
	if (zip_unclean(p, len))
		return *why = WHY_UNCLEAN, ZIP_NONE;

	for (i = 0; i < len; i++) {
		if (p[i] != '/')
			continue;
		if ((k = *zip_slot(z, p, i)) != 0) {
			if (!z->v[k - 1].is_dir)
				return *why = WHY_INFILE, ZIP_NONE;
			parent = k - 1;
		} else {
			parent = zip_add(z, p, i, parent);
			z->v[parent].is_dir = 1;
		}
	}
	if ((k = *zip_slot(z, p, len)) != 0) {
		e = &z->v[k - 1];
		/* An explicit folder after the members inside it. */
		if (type != AE_IFDIR || !e->is_dir || e->ordinal >= 0)
			return *why = WHY_DUP, ZIP_NONE;
		i = k - 1;
	} else
		i = zip_add(z, p, len, parent);
	e = &z->v[i];
	e->is_dir = type == AE_IFDIR;
	e->size = !e->is_dir && archive_entry_size_is_set(ae) ?
	    archive_entry_size(ae) : 0;
	e->mtime_ns = (int64_t)archive_entry_mtime(ae) * 1000000000 +
	    archive_entry_mtime_nsec(ae);
	e->ordinal = ordinal;
	return i;
}

/*
 * True if z's file is only an end-of-central-directory record for zero
 * members (what "zip" and Python write for an empty archive).  The
 * seekable reader never looks for that record at offset 0, so it does not
 * recognise such a file.
 */
static int
zip_is_empty(const struct tree_zip *z)
{
	unsigned char	b[22];

	if (z->size < 22 || pread(z->fd, b, sizeof b, 0) != (ssize_t)sizeof b)
		return 0;
	return memcmp(b, "PK\5\6", 4) == 0 &&
	    (b[8] | b[9] | b[10] | b[11]) == 0 &&
	    22 + (b[20] | b[21] << 8) == z->size;
}

/*
 * See tree-int.h.  On success *impl is freed by tree_zip_ops.close; on
 * failure nothing is left and the error is reported.
 */
int
tree_zip_open(const char *path, void **impl,
    void (*refused)(const char *, const char *, void *), void *arg)
{
	struct tree_zip		*z = xcalloc(1, sizeof *z);
	struct archive		*a = NULL;
	struct archive_entry	*ae;
	struct zip_src		 src;
	struct stat		 sb;
	const char		*why;
	char			 msg[256];
	size_t			 i;
	long			 ordinal = 0;
	int			 r;

	*impl = NULL;
	z->path = xstrdup(path);
	if ((z->fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		error_errno("cannot open '%s'", path);
		goto fail;
	}
	if (fstat(z->fd, &sb) != 0) {
		error_errno("cannot open '%s'", path);
		goto fail;
	}
	z->size = sb.st_size;
	z->buf = xmalloc(ZIP_BLOCK);
	zip_add(z, "", 0, ZIP_NONE);
	z->v[0].is_dir = 1;

	if (zip_is_empty(z)) {
		*impl = z;
		return 0;
	}
	if ((a = zip_reader_open(z, &src, 0, 0, 1, msg)) == NULL) {
		/* Without the end-of-central-directory record nothing bids. */
		error("cannot open '%s': %s%s", path, msg, src.err != 0 ? "" :
		    " (no zip central directory: truncated or damaged"
		    " archive)");
		goto fail;
	}
	for (;;) {
		r = archive_read_next_header(a, &ae);
		if (r == ARCHIVE_EOF)
			break;
		if (r < ARCHIVE_WARN) {
			error("cannot open '%s': %s", path, zip_why(a, &src,
			    msg));
			goto fail;
		}
		i = zip_index_member(z, ae, ordinal, &why);
		if (why != NULL) {
			if (refused != NULL)
				refused(zip_entry_name(ae) ?
				    zip_entry_name(ae) : "", why, arg);
		} else if (i != ZIP_NONE && !z->v[i].is_dir) {
			/* The reader skipped the previous member's data, then
			 * read this local header whole: the header lies
			 * between those two offsets.  (Before the first
			 * member the position is wherever the directory
			 * search left it, so search from 0.) */
			z->v[i].start = ordinal == 0 ? 0 :
			    archive_read_header_position(a);
			z->v[i].data = archive_filter_bytes(a, 0);
		}
		ordinal++;
	}
	archive_read_free(a);
	*impl = z;
	return 0;
fail:
	archive_read_free(a);
	zip_close(z);
	return -1;
}

/*
 * 1 if the first bytes of 'path' are a zip's local file header or, for
 * an empty zip, its end-of-central-directory record; 0 if not (or a
 * folder); -1 with errno set when the file cannot be opened or read.
 * Reports nothing.
 */
int
tree_is_zip_file(const char *path)
{
	unsigned char	sig[4];
	ssize_t		n;
	int		fd, saved;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) ==
	    -1)
		return -1;
	do
		n = read(fd, sig, sizeof sig);
	while (n < 0 && errno == EINTR);
	saved = errno;
	close(fd);
	if (n < 0 && saved != EISDIR) {
		errno = saved;
		return -1;
	}
	return n == 4 && sig[0] == 'P' && sig[1] == 'K' &&
	    ((sig[2] == 3 && sig[3] == 4) || (sig[2] == 5 && sig[3] == 6));
}

static int
zip_list(void *impl, const char *dir, struct tree_entry **ents, size_t *n)
{
	struct tree_zip		*z = impl;
	struct zip_ent		*d = zip_find(z, dir), *c;
	struct tree_entry	*v;
	size_t			 k, i = 0;

	*ents = NULL;
	*n = 0;
	if (d == NULL || !d->is_dir)
		return error("no folder '%s' in '%s'", dir, z->path);
	for (k = d->first_child; k != ZIP_NONE; k = z->v[k].next_sibling)
		i++;
	v = xmallocarray(i ? i : 1, sizeof *v);
	for (k = d->first_child, i = 0; k != ZIP_NONE; k = c->next_sibling) {
		c = &z->v[k];
		v[i].path = xstrdup(c->path);
		v[i].is_dir = c->is_dir;
		v[i].size = c->size;
		v[i].mtime_ns = c->mtime_ns;
		i++;
	}
	*ents = v;
	*n = i;
	return 0;
}

static int
zip_stat(void *impl, const char *path, struct tree_entry *st, char *why)
{
	struct zip_ent	*e = zip_find(impl, path);

	if (e == NULL) {
		snprintf(why, 256, "%s", strerror(ENOENT));
		return -1;
	}
	st->is_dir = e->is_dir;
	st->size = e->size;
	st->mtime_ns = e->mtime_ns;
	return 0;
}

/*
 * The offset of member e's local header: the last offset in [e->start,
 * e->data) holding the signature "PK\3\4" whose header (30 bytes, then the
 * name and the extra field, lengths at bytes 26 and 28) ends exactly at
 * e->data.  libarchive does not tell where a header starts, only where
 * the reader stood before and after it, so this is the one place that
 * looks at zip bytes itself; libarchive then parses the header it finds
 * there.  Returns the offset, or -1 with why.
 */
static int64_t
zip_header_offset(struct tree_zip *z, const struct zip_ent *e, char *why)
{
	const int64_t	 longest = 30 + 2 * 65535;
	unsigned char	*b;
	int64_t		 lo = e->start, off = -1;
	size_t		 n, got = 0, i;
	ssize_t		 r;

	if (lo < e->data - longest)
		lo = e->data - longest;
	if (lo < 0 || e->data - lo < 30) {
		snprintf(why, 256, "damaged zip member: its local header is"
		    " missing");
		return -1;
	}
	n = (size_t)(e->data - lo);
	b = xmalloc(n);
	while (got < n) {
		r = pread(z->fd, b + got, n - got, (off_t)(lo + (int64_t)got));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (r < 0)
				snprintf(why, 256, "read error: %s",
				    strerror(errno));
			else
				snprintf(why, 256, "damaged zip member:"
				    " unexpected end of file");
			free(b);
			return -1;
		}
		got += (size_t)r;
	}
	for (i = n - 30 + 1; i-- > 0;)
		if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 3 &&
		    b[i + 3] == 4 && i + 30 + (b[i + 26] | b[i + 27] << 8) +
		    (b[i + 28] | b[i + 29] << 8) == n) {
			off = lo + (int64_t)i;
			break;
		}
	free(b);
	if (off < 0)
		snprintf(why, 256, "damaged zip member: its local header is"
		    " missing");
	return off;
}

/* Reads the header at the start of a streaming reader: must be e's. */
static int
zip_member_header(struct archive *a, const struct zip_src *s,
    const struct zip_ent *e, char *why)
{
	struct archive_entry	*ae;
	const char		*name;
	char			 msg[256];
	int			 r = archive_read_next_header(a, &ae);

	if (r == ARCHIVE_EOF) {
		snprintf(why, 256, "damaged zip member: its local header is"
		    " missing");
		return -1;
	}
	if (r < ARCHIVE_WARN) {
		zip_why(a, s, msg);
		snprintf(why, 256, "%s%.200s", s->err ? "" :
		    "damaged zip member: ", msg);
		return -1;
	}
	name = zip_entry_name(ae);
	if (name == NULL || strcmp(zip_strip_dot(name), e->path) != 0) {
		snprintf(why, 256, "damaged zip member: its local header"
		    " names another member");
		return -1;
	}
	return 0;
}

static int
zip_read(void *impl, const char *path, size_t max, char **data, size_t *len,
    char *why)
{
	struct tree_zip	*z = impl;
	struct zip_ent	*e = zip_find(z, path);
	struct archive	*a = NULL;
	struct zip_src	 src;
	char		*buf = NULL, msg[256];
	size_t		 got = 0, cap;
	la_ssize_t	 r;
	int64_t		 off;
	int		 rc = -1;

	*data = NULL;
	*len = 0;
	if (e == NULL) {
		snprintf(why, 256, "%s", strerror(ENOENT));
		return -1;
	}
	if (e->is_dir) {
		snprintf(why, 256, "not a regular file");
		return -1;
	}
	if ((uint64_t)e->size > max) {
		snprintf(why, 256, "file is %lld bytes, over the limit of %zu"
		    " bytes", (long long)e->size, max);
		return -1;
	}
	if ((off = zip_header_offset(z, e, why)) < 0)
		return -1;
	/* Blocks that end a little past the compressed data (which seldom
	 * outgrows the data) spare copying what the next members hold. */
	if ((a = zip_reader_open(z, &src, off, e->data + e->size +
	    e->size / 64 + 1024, 0, msg)) == NULL) {
		snprintf(why, 256, "%s%.200s", src.err ? "" :
		    "damaged zip member: ", msg);
		return -1;
	}
	if (zip_member_header(a, &src, e, why) != 0)
		goto out;
	cap = (size_t)e->size + 1;
	buf = xmalloc(cap);
	/* Read to the end (r == 0), so that libarchive checks the CRC. */
	while ((r = archive_read_data(a, buf + got, cap - got)) > 0) {
		got += (size_t)r;
		if (got == cap) {
			snprintf(why, 256, "damaged zip member: it holds more"
			    " than the %lld bytes the central directory says",
			    (long long)e->size);
			goto out;
		}
	}
	if (r < 0) {
		zip_why(a, &src, msg);
		snprintf(why, 256, "%s%.200s", src.err ? "" :
		    "damaged zip member: ", msg);
		goto out;
	}
	if (got != (size_t)e->size) {
		snprintf(why, 256, "damaged zip member: it holds %zu bytes,"
		    " not the %lld the central directory says", got,
		    (long long)e->size);
		goto out;
	}
	buf[got] = '\0';
	*data = buf;
	*len = got;
	buf = NULL;
	rc = 0;
out:
	free(buf);
	archive_read_free(a);
	return rc;
}

static void
zip_close(void *impl)
{
	struct tree_zip	*z = impl;
	size_t		 i;

	if (z == NULL)
		return;
	for (i = 0; i < z->n; i++)
		free(z->v[i].path);
	free(z->v);
	free(z->slots);
	free(z->buf);
	if (z->fd != -1)
		close(z->fd);
	free(z->path);
	free(z);
}

const struct tree_ops tree_zip_ops = {
	.list = zip_list,
	.stat = zip_stat,
	.read = zip_read,
	.close = zip_close,
};
