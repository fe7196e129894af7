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
	const struct krt_proc_ops *ops;
	void *priv;
	u32 users;		/* reads and writes in progress (a futex word for removal) */
	bool dead;
};

#define REGISTRY_HASH_BITS	16	/* 65536 buckets: 1,000 devices have 41,000 files */

static LIST_HEAD(entries);
static struct hlist_head buckets[1 << REGISTRY_HASH_BITS];
DEFINE_HOST_MUTEX_FORK_SAFE(registry_lock);

/* FNV-1a of the path, folded into the table's bits. */
static struct hlist_head *bucket_of(const char *path)
{
	u32 h = 2166136261u;

	while (*path)
		h = (h ^ (u8)*path++) * 16777619u;
	return &buckets[hash_32(h, REGISTRY_HASH_BITS)];
}

static struct krt_proc_entry *lookup(const char *path)
{
	struct krt_proc_entry *e;

	hlist_for_each_entry(e, bucket_of(path), hnode)
		if (!strcmp(e->path, path))
			return e;
	return NULL;
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
 * ERR_PTR(-EEXIST) (the path is taken) or ERR_PTR(-ENOMEM).
 */
struct krt_proc_entry *krt_proc_create(const char *path, const struct krt_proc_ops *ops,
				       void *priv)
{
	struct krt_proc_entry *e;

	if (!path || path[0] != '/' || !ops)
		return ERR_PTR(-EINVAL);
	e = host_zalloc(sizeof(*e));
	if (!e)
		return ERR_PTR(-ENOMEM);
	e->path = host_alloc(strlen(path) + 1);
	if (!e->path) {
		host_free(e);
		return ERR_PTR(-ENOMEM);
	}
	strcpy(e->path, path);
	e->ops = ops;
	e->priv = priv;

	host_mutex_lock(&registry_lock);
	if (lookup(path)) {
		host_mutex_unlock(&registry_lock);
		host_free(e->path);
		host_free(e);
		return ERR_PTR(-EEXIST);
	}
	list_add_tail(&e->list, &entries);
	hlist_add_head(&e->hnode, bucket_of(path));
	host_mutex_unlock(&registry_lock);
	return e;
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
	host_free(e->path);
	host_free(e);
}

/**
 * krt_proc_remove - unregister @e
 * @e: the entry; NULL and ERR_PTR values are ignored
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
 * For a directory going away. Like krt_proc_remove(), waits for the reads and writes in
 * progress on each file.
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
static struct krt_proc_entry *entry_get(const char *path)
{
	struct krt_proc_entry *e;

	host_mutex_lock(&registry_lock);
	e = lookup(path);
	if (e && e->ops->get && !e->ops->get(e->priv))
		e = NULL;
	if (e)
		__atomic_fetch_add(&e->users, 1, __ATOMIC_RELAXED);
	host_mutex_unlock(&registry_lock);
	return e;
}

static void entry_put(struct krt_proc_entry *e)
{
	void (*put)(void *priv) = e->ops->put;
	void *priv = e->priv;

	/*
	 * Leave the entry before dropping the object's reference: the put may end in a
	 * krt_proc_remove() of this very entry, which waits for its users.
	 */
	if (__atomic_sub_fetch(&e->users, 1, __ATOMIC_RELEASE) == 0)
		host_futex_wake(&e->users, INT_MAX);
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
	struct krt_proc_entry *e = entry_get(path);
	struct seq_file m = { .size = 4096 };
	ssize_t ret;

	if (!e)
		return -ENOENT;
	if (!e->ops->show) {
		entry_put(e);
		return -EACCES;
	}
	for (;;) {
		m.buf = host_alloc(m.size);
		if (!m.buf) {
			ret = -ENOMEM;
			break;
		}
		m.count = 0;
		m.private = e->priv;
		ret = e->ops->show(&m, e->priv);
		if (ret < 0 || !seq_has_overflowed(&m))
			break;
		host_free(m.buf);
		m.size *= 2;
	}
	entry_put(e);
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
	struct krt_proc_entry *e = entry_get(path);
	ssize_t ret;

	if (!e)
		return -ENOENT;
	ret = e->ops->write ? e->ops->write(e->priv, buf, len) : -EACCES;
	entry_put(e);
	return ret;
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
		n++;
	paths = host_alloc(sizeof(*paths) * (n + 1));
	i = 0;
	if (paths) {
		list_for_each_entry(e, &entries, list) {
			paths[i] = host_alloc(strlen(e->path) + 1);
			if (paths[i])
				strcpy(paths[i++], e->path);
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
