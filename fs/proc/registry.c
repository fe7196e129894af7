// SPDX-License-Identifier: MIT
/*
 * The registry behind krt_proc_read()/krt_proc_write(): the paths, each with the operations of
 * the subsystem that owns it, hashed by path (a system with many devices has tens of thousands
 * of files) and sorted only when walked. A read renders the whole file into a seq_file that
 * grows until the renderer fits, like seq_read().
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/hash.h>
#include <linux/list.h>
#include <linux/seq_file.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <krt/proc.h>

#include "arch/host/host.h"

struct krt_proc_entry {
	struct list_head list;		/* all entries, in creation order */
	struct hlist_node hnode;	/* in its hash bucket */
	char *path;
	const struct krt_proc_ops *ops;	/* a file's; NULL for a directory */
	void *priv;
	/* A directory registered as a whole (krt_proc_create_dir()): */
	const struct krt_proc_dir_file *files;
	unsigned int nr_files;
	size_t priv_size;
	u32 users;		/* reads and writes in progress (a futex word for removal) */
	bool dead;
};

/* What a path resolves to: the entry pinned for the operation, and the file's ops and priv. */
struct proc_file {
	struct krt_proc_entry *e;
	const struct krt_proc_ops *ops;
	void *priv;
};

#define REGISTRY_HASH_BITS	16	/* 65536 buckets: ample for thousands of devices */

static LIST_HEAD(entries);
static struct hlist_head buckets[1 << REGISTRY_HASH_BITS];
DEFINE_HOST_MUTEX_FORK_SAFE(registry_lock);

#define FNV_BASIS	2166136261u

static inline u32 fnv_step(u32 h, char c)
{
	return (h ^ (u8)c) * 16777619u;
}

/* FNV-1a over @len more bytes of @s: a path's hash can be continued with its files' names. */
static u32 fnv_update(u32 h, const char *s, size_t len)
{
	while (len--)
		h = fnv_step(h, *s++);
	return h;
}

/* The entry registered at exactly the first @len bytes of @path, whose FNV-1a is @h. */
static struct krt_proc_entry *lookup_hashed(const char *path, size_t len, u32 h)
{
	struct krt_proc_entry *e;

	hlist_for_each_entry(e, &buckets[hash_32(h, REGISTRY_HASH_BITS)], hnode)
		if (!strncmp(e->path, path, len) && !e->path[len])
			return e;
	return NULL;
}

/* The entry registered at exactly the first @len bytes of @path. */
static struct krt_proc_entry *lookup_exact(const char *path, size_t len)
{
	return lookup_hashed(path, len, fnv_update(FNV_BASIS, path, len));
}

/* The file called @name in directory entry @e, or -1. */
static int dir_file_index(const struct krt_proc_entry *e, const char *name)
{
	unsigned int i;

	for (i = 0; i < e->nr_files; i++)
		if (!strcmp(e->files[i].name, name))
			return i;
	return -1;
}

/*
 * Resolve @path to a file: a file entry registered at it, else a file of the nearest
 * directory entry above it. Ancestors no longer than @min_len bytes are not looked at.
 */
static bool resolve(const char *path, size_t min_len, struct proc_file *f)
{
	size_t len = strlen(path);
	struct krt_proc_entry *e = lookup_exact(path, len);
	int i;

	if (e) {
		if (!e->ops)
			return false;	/* a directory is not a file */
		*f = (struct proc_file){ .e = e, .ops = e->ops, .priv = e->priv };
		return true;
	}
	while (len > min_len) {
		while (len > 0 && path[len - 1] != '/')
			len--;
		if (len <= 1 || --len <= min_len)
			return false;
		e = lookup_exact(path, len);
		if (!e)
			continue;
		if (e->ops)
			return false;	/* a file is not a directory */
		i = dir_file_index(e, path + len + 1);
		if (i < 0)
			return false;
		*f = (struct proc_file){
			.e = e, .ops = e->files[i].ops, .priv = (char *)e->priv + i * e->priv_size,
		};
		return true;
	}
	return false;
}

static struct krt_proc_entry *entry_new(const char *path)
{
	struct krt_proc_entry *e = host_zalloc(sizeof(*e));

	if (!e)
		return NULL;
	e->path = host_alloc(strlen(path) + 1);
	if (!e->path) {
		host_free(e);
		return NULL;
	}
	strcpy(e->path, path);
	return e;
}

static void entry_free(struct krt_proc_entry *e)
{
	host_free(e->path);
	host_free(e);
}

static bool dir_clashes(const struct krt_proc_entry *e);

/* Add @e unless its path, or one of its files' paths, is taken; frees @e if it is. */
static struct krt_proc_entry *entry_register(struct krt_proc_entry *e)
{
	struct proc_file f;
	bool taken;
	u32 h;

	host_mutex_lock(&registry_lock);
	if (e->ops)
		taken = lookup_exact(e->path, strlen(e->path)) || resolve(e->path, 0, &f);
	else
		taken = dir_clashes(e);
	if (taken) {
		host_mutex_unlock(&registry_lock);
		entry_free(e);
		return ERR_PTR(-EEXIST);
	}
	h = fnv_update(FNV_BASIS, e->path, strlen(e->path));
	list_add_tail(&e->list, &entries);
	hlist_add_head(&e->hnode, &buckets[hash_32(h, REGISTRY_HASH_BITS)]);
	host_mutex_unlock(&registry_lock);
	return e;
}

/**
 * krt_proc_create - register a virtual file at @path
 * @path: absolute path, e.g. "/proc/meminfo" or "/sys/kernel/debug/x/y" (copied)
 * @ops: the operations behind the file (kept, not copied)
 * @priv: passed to @ops (kept)
 *
 * krt_proc_for_each() visits the files sorted by path.
 *
 * Return: the entry, or ERR_PTR(-EINVAL) (no @ops, or @path does not start with '/'),
 * ERR_PTR(-EEXIST) (the path is taken, by a file or a directory, or is a file of a directory
 * registered with krt_proc_create_dir()) or ERR_PTR(-ENOMEM).
 */
struct krt_proc_entry *krt_proc_create(const char *path, const struct krt_proc_ops *ops,
				       void *priv)
{
	struct krt_proc_entry *e;

	if (!path || path[0] != '/' || !ops)
		return ERR_PTR(-EINVAL);
	e = entry_new(path);
	if (!e)
		return ERR_PTR(-ENOMEM);
	e->ops = ops;
	e->priv = priv;
	return entry_register(e);
}

/* The longest path of a directory's file, terminating NUL included. */
#define PROC_DIR_PATH_MAX	256

/* Would directory @e's files clash with what is registered? (registry lock held) */
static bool dir_clashes(const struct krt_proc_entry *e)
{
	size_t len = strlen(e->path), flen;
	struct krt_proc_entry *a;
	char path[PROC_DIR_PATH_MAX];
	unsigned int i;
	u32 h;

	if (lookup_exact(e->path, len))
		return true;
	/* A directory above with files below this one. */
	for (flen = len; flen > 1;) {
		while (flen > 0 && e->path[flen - 1] != '/')
			flen--;
		if (--flen < 1)
			break;
		a = lookup_exact(e->path, flen);
		if (!a)
			continue;
		if (a->ops)
			return true;
		for (i = 0; i < a->nr_files; i++) {
			const char *rel = e->path + flen + 1;
			size_t rlen = len - flen - 1;

			if (!strncmp(a->files[i].name, rel, rlen) &&
			    (!a->files[i].name[rlen] || a->files[i].name[rlen] == '/'))
				return true;
		}
	}
	/*
	 * Its own files, taken as files or by directories between it and them. One pass over
	 * each name copies it, continues the directory's hash and looks up every prefix that
	 * ends at a '/' ("statistics" of "statistics/rx_bytes"): a device has dozens of files.
	 */
	h = fnv_update(FNV_BASIS, e->path, len);
	h = fnv_update(h, "/", 1);
	memcpy(path, e->path, len);
	path[len] = '/';
	for (i = 0; i < e->nr_files; i++) {
		const char *name = e->files[i].name;
		size_t pos = len + 1;
		u32 fh = h;

		for (; *name; name++) {
			if (*name == '/') {
				a = lookup_hashed(path, pos, fh);
				if (a && (a->ops || dir_file_index(a, name + 1) >= 0))
					return true;
			}
			path[pos++] = *name;
			fh = fnv_step(fh, *name);
		}
		path[pos] = '\0';
		if (lookup_hashed(path, pos, fh))
			return true;
	}
	return false;
}

/**
 * krt_proc_create_dir - register a directory of files as one entry
 * @path: the directory's absolute path, e.g. "/sys/class/net/eth0" (copied)
 * @files: its files, by name below @path ("mtu", "statistics/rx_bytes"), and their
 *	operations (the array is kept, not copied)
 * @nr_files: how many
 * @priv: the first file's priv; file i gets @priv + i * @priv_size (kept)
 * @priv_size: the stride of the privs
 *
 * For an object with many files: one registration, one removal, one lookup of the directory
 * per read, however many files it has. The files are found and listed like those created one
 * by one; krt_proc_remove() of the entry removes them all, and krt_proc_remove_prefix()
 * removes the directory when its path starts with the prefix.
 *
 * Return: the entry, or ERR_PTR(-EINVAL) (no files, a file without ops or name, or @path
 * does not start with '/'), ERR_PTR(-ENAMETOOLONG) (a file's path would be 256 bytes or
 * more), ERR_PTR(-EEXIST) (@path or one of the files' paths is taken, or a
 * directory above has files below @path) or ERR_PTR(-ENOMEM).
 */
struct krt_proc_entry *krt_proc_create_dir(const char *path, const struct krt_proc_dir_file *files,
					   unsigned int nr_files, void *priv, size_t priv_size)
{
	struct krt_proc_entry *e;
	unsigned int i;

	if (!path || path[0] != '/' || path[strlen(path) - 1] == '/' || !files || !nr_files)
		return ERR_PTR(-EINVAL);
	for (i = 0; i < nr_files; i++) {
		if (!files[i].ops || !files[i].name || !files[i].name[0])
			return ERR_PTR(-EINVAL);
		if (strlen(path) + 1 + strlen(files[i].name) >= PROC_DIR_PATH_MAX)
			return ERR_PTR(-ENAMETOOLONG);
	}
	e = entry_new(path);
	if (!e)
		return ERR_PTR(-ENOMEM);
	e->files = files;
	e->nr_files = nr_files;
	e->priv = priv;
	e->priv_size = priv_size;
	return entry_register(e);
}

/* Called with the registry lock held; drops it while waiting for users. */
static void remove_locked(struct krt_proc_entry *e)
{
	list_del(&e->list);
	hlist_del(&e->hnode);
	e->dead = true;
	while (__atomic_load_n(&e->users, __ATOMIC_ACQUIRE)) {
		u32 users = __atomic_load_n(&e->users, __ATOMIC_ACQUIRE);

		host_mutex_unlock(&registry_lock);
		if (users)
			host_futex_wait(&e->users, users, 1000000);
		host_mutex_lock(&registry_lock);
	}
	entry_free(e);
}

/**
 * krt_proc_remove - unregister @e
 * @e: the entry (a file, or a directory with all its files); NULL and ERR_PTR values are
 *	ignored
 *
 * Waits for reads and writes in progress to finish, so the priv given to krt_proc_create() may
 * be freed afterwards.
 */
void krt_proc_remove(struct krt_proc_entry *e)
{
	if (IS_ERR_OR_NULL(e))
		return;
	host_mutex_lock(&registry_lock);
	remove_locked(e);
	host_mutex_unlock(&registry_lock);
}

/**
 * krt_proc_remove_prefix - unregister every file whose path starts with @prefix
 * @prefix: compared as a plain string prefix ("/x/a" also removes "/x/ab")
 *
 * For a directory going away. A directory registered as a whole goes when its own path starts
 * with @prefix. Like krt_proc_remove(), waits for the reads and writes in progress on each file.
 */
void krt_proc_remove_prefix(const char *prefix)
{
	struct krt_proc_entry *e;
	size_t len = strlen(prefix);

	host_mutex_lock(&registry_lock);
restart:
	list_for_each_entry(e, &entries, list) {
		if (!strncmp(e->path, prefix, len)) {
			remove_locked(e);
			goto restart;
		}
	}
	host_mutex_unlock(&registry_lock);
}

/* Find @path and pin it (and the object behind it) for one operation. */
static bool entry_get(const char *path, struct proc_file *f)
{
	bool found;

	host_mutex_lock(&registry_lock);
	found = resolve(path, 0, f);
	if (found && f->ops->get && !f->ops->get(f->priv))
		found = false;
	if (found)
		__atomic_fetch_add(&f->e->users, 1, __ATOMIC_RELAXED);
	host_mutex_unlock(&registry_lock);
	return found;
}

static void entry_put(struct proc_file *f)
{
	void (*put)(void *priv) = f->ops->put;
	void *priv = f->priv;

	/*
	 * Leave the entry before dropping the object's reference: the put may end in a
	 * krt_proc_remove() of this very entry, which waits for its users.
	 */
	if (__atomic_sub_fetch(&f->e->users, 1, __ATOMIC_RELEASE) == 0)
		host_futex_wake(&f->e->users, INT_MAX);
	if (put)
		put(priv);
}

/**
 * krt_proc_read - render the file at @path into @buf
 * @path: the file's path
 * @buf: destination
 * @size: its size
 *
 * The whole file is rendered into a seq_file that grows until the renderer fits, like
 * seq_read(), then copied out: at most @size - 1 bytes are stored and the text is
 * NUL-terminated (nothing is stored when @size is 0).
 *
 * Return: the number of bytes stored, or -ENOENT (no such file, or its object is going away),
 * -EACCES (not readable), -ENOMEM, or the renderer's error.
 */
ssize_t krt_proc_read(const char *path, char *buf, size_t size)
{
	struct seq_file m = { .size = 4096 };
	struct proc_file f;
	ssize_t ret;

	if (!entry_get(path, &f))
		return -ENOENT;
	if (!f.ops->show) {
		entry_put(&f);
		return -EACCES;
	}
	for (;;) {
		m.buf = host_alloc(m.size);
		if (!m.buf) {
			ret = -ENOMEM;
			break;
		}
		m.count = 0;
		m.private = f.priv;
		ret = f.ops->show(&m, f.priv);
		if (ret < 0 || !seq_has_overflowed(&m))
			break;
		host_free(m.buf);
		m.size *= 2;
	}
	entry_put(&f);
	if (ret < 0) {
		host_free(m.buf);
		return ret;
	}
	ret = 0;
	if (size) {
		ret = min(m.count, size - 1);
		memcpy(buf, m.buf, ret);
		buf[ret] = '\0';
	}
	host_free(m.buf);
	return ret;
}

/**
 * krt_proc_write - write @len bytes of @buf to the file at @path
 * @path: the file's path
 * @buf: the bytes
 * @len: how many
 *
 * As write(2) to the real file would: the file's write operation consumes the bytes.
 *
 * Return: what that operation returns (the bytes consumed or a negative errno), or -ENOENT
 * (no such file, or its object is going away) or -EACCES (not writable).
 */
ssize_t krt_proc_write(const char *path, const char *buf, size_t len)
{
	struct proc_file f;
	ssize_t ret;

	if (!entry_get(path, &f))
		return -ENOENT;
	ret = f.ops->write ? f.ops->write(f.priv, buf, len) : -EACCES;
	entry_put(&f);
	return ret;
}

/* A copy of "@dir/@name", or of @dir when @name is NULL; NULL without memory. */
static char *path_join(const char *dir, const char *name)
{
	size_t dlen = strlen(dir), nlen = name ? strlen(name) + 1 : 0;
	char *path = host_alloc(dlen + nlen + 1);

	if (!path)
		return NULL;
	memcpy(path, dir, dlen);
	if (name) {
		path[dlen] = '/';
		memcpy(path + dlen + 1, name, nlen);
	}
	path[dlen + nlen] = '\0';
	return path;
}

static int path_cmp(const void *a, const void *b)
{
	return strcmp(*(char * const *)a, *(char * const *)b);
}

/**
 * krt_proc_for_each - call @fn for every registered path, in sorted order
 * @fn: called with each path and @arg; a non-zero return stops the walk
 * @arg: passed to @fn
 *
 * The paths are copied first, so that @fn may read the files (which takes the registry lock):
 * @fn sees the paths registered when the walk started. A path that cannot be copied for lack
 * of memory is skipped.
 *
 * Return: 0, the first non-zero value @fn returned, or -ENOMEM.
 */
int krt_proc_for_each(int (*fn)(const char *path, void *arg), void *arg)
{
	struct krt_proc_entry *e;
	char **paths;
	int n = 0, i, ret = 0;

	/* Copy the names so that @fn may read the files (which takes the lock). */
	host_mutex_lock(&registry_lock);
	list_for_each_entry(e, &entries, list)
		n += e->ops ? 1 : e->nr_files;
	paths = host_alloc(sizeof(*paths) * (n + 1));
	i = 0;
	if (paths) {
		list_for_each_entry(e, &entries, list) {
			unsigned int j;

			if (e->ops) {
				paths[i] = path_join(e->path, NULL);
				i += !!paths[i];
				continue;
			}
			for (j = 0; j < e->nr_files; j++) {
				paths[i] = path_join(e->path, e->files[j].name);
				i += !!paths[i];
			}
		}
	}
	host_mutex_unlock(&registry_lock);
	if (!paths)
		return -ENOMEM;
	n = i;
	sort(paths, n, sizeof(*paths), path_cmp, NULL);
	for (i = 0; i < n; i++) {
		if (!ret)
			ret = fn(paths[i], arg);
		host_free(paths[i]);
	}
	host_free(paths);
	return ret;
}
