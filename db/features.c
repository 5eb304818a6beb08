/*
 * db/features.c: the label audit's feature cache (schema 4's features
 * table): vectors stored as IEEE half floats, valid while the image's
 * hash and the definition's version are the same.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "../lib/err.h"

/* float -> IEEE 754 binary16, round to nearest even; inf/nan kept. */
static uint16_t
half_of(float f)
{
	uint32_t	x, sign, mant;
	int		exp;

	memcpy(&x, &f, 4);
	sign = (x >> 16) & 0x8000;
	exp = (int)((x >> 23) & 0xff) - 127 + 15;
	mant = x & 0x7fffff;
	if (((x >> 23) & 0xff) == 0xff)		/* inf or nan */
		return (uint16_t)(sign | 0x7c00 | (mant ? 0x200 : 0));
	if (exp >= 31)
		return (uint16_t)(sign | 0x7c00);
	if (exp <= 0) {				/* subnormal or zero */
		if (exp < -10)
			return (uint16_t)sign;
		mant |= 0x800000;
		{
			int		shift = 14 - exp;
			uint32_t	h = mant >> shift;
			uint32_t	rem = mant & ((1u << shift) - 1);
			uint32_t	half = 1u << (shift - 1);

			if (rem > half || (rem == half && (h & 1)))
				h++;
			return (uint16_t)(sign | h);
		}
	}
	{
		uint32_t	h = ((uint32_t)exp << 10) | (mant >> 13);
		uint32_t	rem = mant & 0x1fff;

		if (rem > 0x1000 || (rem == 0x1000 && (h & 1)))
			h++;		/* may carry into the exponent: fine */
		return (uint16_t)(sign | h);
	}
}

/* IEEE 754 binary16 -> float. */
static float
float_of(uint16_t h)
{
	uint32_t	sign = (uint32_t)(h & 0x8000) << 16, x;
	int		exp = (h >> 10) & 0x1f;
	uint32_t	mant = h & 0x3ff;
	float		f;

	if (exp == 0) {
		f = ldexpf((float)mant, -24);
		return sign ? -f : f;
	}
	if (exp == 31)
		x = sign | 0x7f800000 | (mant << 13);
	else
		x = sign | ((uint32_t)(exp - 15 + 127) << 23) | (mant << 13);
	memcpy(&f, &x, 4);
	return f;
}

/* See db.h. */
void
db_half_encode(const float *v, int dim, unsigned char *out)
{
	int		i;
	uint16_t	h;

	for (i = 0; i < dim; i++) {
		h = half_of(v[i]);
		out[2 * i] = (unsigned char)(h & 0xff);
		out[2 * i + 1] = (unsigned char)(h >> 8);
	}
}

/* See db.h. */
void
db_half_decode(const unsigned char *in, int dim, float *v)
{
	int	i;

	for (i = 0; i < dim; i++)
		v[i] = float_of((uint16_t)(in[2 * i] | in[2 * i + 1] << 8));
}

/* See db.h. */
int
db_each_feature(sqlite3 *db, int version, int dim,
    int (*fn)(const struct db_feature *, void *), void *arg)
{
	static const char	 sql[] =
	    "SELECT f.image_id, coalesce(f.box_id, 0), f.hash, f.vec"
	    " FROM features f WHERE f.version = ?1 AND f.dim = ?2"
	    " ORDER BY f.image_id, coalesce(f.box_id, 0)";
	struct db_feature	 r;
	sqlite3_stmt		*st = NULL;
	int			 rc, ret = 0;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(db, sql);
	sqlite3_bind_int(st, 1, version);
	sqlite3_bind_int(st, 2, dim);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.image_id = sqlite3_column_int64(st, 0);
		r.box_id = sqlite3_column_int64(st, 1);
		r.hash = (const char *)sqlite3_column_text(st, 2);
		r.vec = sqlite3_column_blob(st, 3);
		r.dim = dim;
		if ((ret = fn(&r, arg)) != 0)
			break;
	}
	sqlite3_finalize(st);
	if (ret == 0 && rc != SQLITE_DONE)
		return db_error(db, sql);
	return ret;
}

/* See db.h. */
int
db_put_features(sqlite3 *db, int64_t image_id, int64_t box_id,
    const char *hash, int version, const float *v, int dim)
{
	static const char	 del[] =
	    "DELETE FROM features WHERE image_id = ?1"
	    " AND coalesce(box_id, 0) = ?2";
	static const char	 ins[] =
	    "INSERT INTO features (image_id, box_id, hash, version, dim, vec)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt		*st = NULL;
	unsigned char		*blob;
	int			 rc;

	if (sqlite3_prepare_v2(db, del, -1, &st, NULL) != SQLITE_OK)
		return db_error(db, del);
	sqlite3_bind_int64(st, 1, image_id);
	sqlite3_bind_int64(st, 2, box_id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(db, del);
	if (sqlite3_prepare_v2(db, ins, -1, &st, NULL) != SQLITE_OK)
		return db_error(db, ins);
	blob = xmallocarray((size_t)dim, 2);
	db_half_encode(v, dim, blob);
	sqlite3_bind_int64(st, 1, image_id);
	if (box_id != 0)
		sqlite3_bind_int64(st, 2, box_id);
	else
		sqlite3_bind_null(st, 2);
	sqlite3_bind_text(st, 3, hash, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, version);
	sqlite3_bind_int(st, 5, dim);
	sqlite3_bind_blob(st, 6, blob, dim * 2, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	free(blob);
	if (rc != SQLITE_DONE)
		return db_error(db, ins);
	return 0;
}
