/* SPDX-License-Identifier: MIT */
/*
 * krt's virtual /proc, /sys and debugfs: files rendered on demand by the subsystems that own
 * them, read and written by path.
 *
 *	char buf[4096];
 *	ssize_t n = krt_proc_read("/proc/meminfo", buf, sizeof(buf));
 */
#ifndef _KRT_PROC_H
#define _KRT_PROC_H

#include <linux/types.h>

struct seq_file;

/*
 * krt_proc_read - render @path into @buf. At most @size - 1 bytes are stored and the text is
 * NUL-terminated. Returns the number of bytes stored, or -ENOENT (no such file), -EACCES (not
 * readable), -ENOMEM, or the renderer's error.
 */
ssize_t krt_proc_read(const char *path, char *buf, size_t size);

/*
 * krt_proc_write - write @len bytes of @buf to @path, as write(2) to the real file would.
 * Returns the bytes consumed or -ENOENT, -EACCES (not writable), -EINVAL, ...
 */
ssize_t krt_proc_write(const char *path, const char *buf, size_t len);

/* The operations behind one file. */
struct krt_proc_ops {
	/* Render the file (seq_printf and friends); NULL: not readable. */
	int (*show)(struct seq_file *m, void *priv);
	/* Take a write; returns bytes consumed or -errno. NULL: not writable. */
	ssize_t (*write)(void *priv, const char *buf, size_t len);
	/* Optional: pin the object behind the file for the duration of one read or write. */
	bool (*get)(void *priv);
	void (*put)(void *priv);
};

struct krt_proc_entry;

/*
 * krt_proc_create - register @path (e.g. "/proc/meminfo", "/sys/kernel/debug/x/y"). Returns the
 * entry or an ERR_PTR (-EEXIST if the path is taken). The entry keeps @ops and @priv.
 */
struct krt_proc_entry *krt_proc_create(const char *path, const struct krt_proc_ops *ops,
				       void *priv);
/* One file of a directory registered as a whole. */
struct krt_proc_dir_file {
	const char *name;	/* below the directory: "mtu", "statistics/rx_bytes" */
	const struct krt_proc_ops *ops;
};

/*
 * krt_proc_create_dir - register the directory @path with @nr_files files at once (an object
 * with many files: one registration, one removal). File i gets the priv @priv + i * @priv_size.
 * The files read, write and list like files created one by one. Returns the entry or an
 * ERR_PTR (-EEXIST if the directory or one of its files' paths is taken).
 */
struct krt_proc_entry *krt_proc_create_dir(const char *path, const struct krt_proc_dir_file *files,
					   unsigned int nr_files, void *priv, size_t priv_size);

/*
 * krt_proc_remove - unregister @entry (a file, or a directory with its files); waits for
 * reads and writes in progress to finish, so @priv may be freed afterwards. NULL and ERR_PTR
 * are ignored.
 */
void krt_proc_remove(struct krt_proc_entry *entry);
/*
 * Remove every file whose path starts with @prefix (a directory going away); a directory
 * registered as a whole goes when its own path starts with @prefix.
 */
void krt_proc_remove_prefix(const char *prefix);

/* Call @fn for every registered path, in sorted order; stops at a non-zero return. */
int krt_proc_for_each(int (*fn)(const char *path, void *arg), void *arg);

#endif /* _KRT_PROC_H */
