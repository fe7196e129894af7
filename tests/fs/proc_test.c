// SPDX-License-Identifier: MIT
/* krt's virtual files: registration, reading, writing, growth, removal while in use. */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/delay.h>
#include <linux/sched.h>
#include <krt/proc.h>
#include <krt/thread.h>

static int value = 7;

static int value_show(struct seq_file *m, void *priv)
{
	seq_printf(m, "%d\n", *(int *)priv);
	return 0;
}

static ssize_t value_write(void *priv, const char *buf, size_t len)
{
	char tmp[32];
	int ret;

	if (len >= sizeof(tmp))
		return -EINVAL;
	memcpy(tmp, buf, len);
	tmp[len] = '\0';
	ret = kstrtoint(strim(tmp), 0, priv);
	return ret ? ret : (ssize_t)len;
}

static const struct krt_proc_ops value_ops = { .show = value_show, .write = value_write };
static const struct krt_proc_ops wo_ops = { .write = value_write };

static void proc_read_write(struct kunit *test)
{
	struct krt_proc_entry *e = krt_proc_create("/sys/kernel/debug/krt_test/value", &value_ops,
						   &value);
	char buf[16];

	KUNIT_ASSERT_FALSE(test, IS_ERR(e));
	KUNIT_EXPECT_EQ(test, krt_proc_read("/sys/kernel/debug/krt_test/value", buf, sizeof(buf)), 2);
	KUNIT_EXPECT_STREQ(test, buf, "7\n");
	KUNIT_EXPECT_EQ(test, krt_proc_write("/sys/kernel/debug/krt_test/value", "123\n", 4), 4);
	KUNIT_EXPECT_EQ(test, value, 123);
	KUNIT_EXPECT_EQ(test, krt_proc_write("/sys/kernel/debug/krt_test/value", "x", 1), -EINVAL);
	/* Truncation keeps a NUL terminator. */
	KUNIT_EXPECT_EQ(test, krt_proc_read("/sys/kernel/debug/krt_test/value", buf, 3), 2);
	KUNIT_EXPECT_STREQ(test, buf, "12");
	krt_proc_remove(e);
	KUNIT_EXPECT_EQ(test, krt_proc_read("/sys/kernel/debug/krt_test/value", buf, sizeof(buf)),
			-ENOENT);
}

static void proc_errors(struct kunit *test)
{
	struct krt_proc_entry *e = krt_proc_create("/proc/krt_test_wo", &wo_ops, &value);
	char buf[8];

	KUNIT_ASSERT_FALSE(test, IS_ERR(e));
	KUNIT_EXPECT_EQ(test, krt_proc_read("/proc/krt_test_wo", buf, sizeof(buf)), -EACCES);
	KUNIT_EXPECT_EQ(test, PTR_ERR(krt_proc_create("/proc/krt_test_wo", &wo_ops, NULL)), -EEXIST);
	KUNIT_EXPECT_EQ(test, PTR_ERR(krt_proc_create("relative", &wo_ops, NULL)), -EINVAL);
	KUNIT_EXPECT_EQ(test, krt_proc_write("/proc/cmdline", "x", 1), -EACCES);
	KUNIT_EXPECT_EQ(test, krt_proc_write("/proc/nonexistent", "x", 1), -ENOENT);
	krt_proc_remove(e);
}

static int big_show(struct seq_file *m, void *priv)
{
	int i;

	for (i = 0; i < 5000; i++)
		seq_printf(m, "line %04d\n", i);
	return 0;
}

static const struct krt_proc_ops big_ops = { .show = big_show };

static void proc_large_file_grows_buffer(struct kunit *test)
{
	struct krt_proc_entry *e = krt_proc_create("/proc/krt_test_big", &big_ops, NULL);
	size_t size = 5000 * 10 + 1;
	char *buf = kunit_kzalloc(test, size, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_EXPECT_EQ(test, krt_proc_read("/proc/krt_test_big", buf, size), 50000);
	KUNIT_EXPECT_EQ(test, strncmp(buf + 49990, "line 4999\n", 10), 0);
	krt_proc_remove(e);
}

static int slow_show(struct seq_file *m, void *priv)
{
	WRITE_ONCE(*(int *)priv, 1);
	msleep(50);
	seq_puts(m, "slow\n");
	return 0;
}

static const struct krt_proc_ops slow_ops = { .show = slow_show };

static int slow_reader(void *data)
{
	char buf[16];

	return krt_proc_read("/proc/krt_test_slow", buf, sizeof(buf));
}

static void proc_remove_waits_for_readers(struct kunit *test)
{
	int started = 0;
	struct krt_proc_entry *e = krt_proc_create("/proc/krt_test_slow", &slow_ops, &started);
	struct task_struct *t = krt_thread_create(slow_reader, NULL, "slow-reader");

	while (!READ_ONCE(started))
		msleep(1);
	krt_proc_remove(e);	/* must wait until the reader is out of slow_show */
	KUNIT_EXPECT_EQ(test, krt_thread_join(t), 5);
}

static int count_paths(const char *path, void *arg)
{
	if (!strcmp(path, "/proc/cmdline") || !strcmp(path, "/proc/version"))
		(*(int *)arg)++;
	return 0;
}

static void proc_for_each_lists_core_files(struct kunit *test)
{
	int n = 0;

	krt_proc_for_each(count_paths, &n);
	KUNIT_EXPECT_EQ(test, n, 2);
}

static void proc_thread_self_comm(struct kunit *test)
{
	char buf[32];

	set_task_comm(current, "proc-comm");
	KUNIT_EXPECT_GT(test, krt_proc_read("/proc/thread-self/comm", buf, sizeof(buf)), 0);
	KUNIT_EXPECT_STREQ(test, buf, "proc-comm\n");
	krt_proc_write("/proc/thread-self/comm", "renamed\n", 8);
	KUNIT_EXPECT_STREQ(test, current->comm, "renamed");
}

static void proc_remove_prefix_removes_a_directory(struct kunit *test)
{
	char buf[8];

	KUNIT_ASSERT_FALSE(test, IS_ERR(krt_proc_create("/sys/krt_test_dir/a", &value_ops, &value)));
	KUNIT_ASSERT_FALSE(test, IS_ERR(krt_proc_create("/sys/krt_test_dir/b", &value_ops, &value)));
	KUNIT_ASSERT_FALSE(test, IS_ERR(krt_proc_create("/sys/krt_test_dirx", &value_ops, &value)));
	krt_proc_remove_prefix("/sys/krt_test_dir/");
	KUNIT_EXPECT_EQ(test, krt_proc_read("/sys/krt_test_dir/a", buf, sizeof(buf)), -ENOENT);
	KUNIT_EXPECT_EQ(test, krt_proc_read("/sys/krt_test_dir/b", buf, sizeof(buf)), -ENOENT);
	KUNIT_EXPECT_GT(test, krt_proc_read("/sys/krt_test_dirx", buf, sizeof(buf)), 0);
	krt_proc_remove_prefix("/sys/krt_test_dirx");
}

/* A directory registered as a whole: three files, the last one in a subdirectory. */
static int dir_values[3] = { 10, 20, 30 };
static const struct krt_proc_dir_file dir_files[] = {
	{ "a", &value_ops }, { "wo", &wo_ops }, { "sub/c", &value_ops },
};

static struct krt_proc_entry *create_test_dir(const char *path)
{
	return krt_proc_create_dir(path, dir_files, ARRAY_SIZE(dir_files), dir_values,
				   sizeof(dir_values[0]));
}

static void proc_dir_files_read_and_write(struct kunit *test)
{
	struct krt_proc_entry *e = create_test_dir("/sys/krt_test_tree");
	char buf[16];

	KUNIT_ASSERT_FALSE(test, IS_ERR(e));
	KUNIT_EXPECT_EQ(test, krt_proc_read("/sys/krt_test_tree/a", buf, sizeof(buf)), 3);
	KUNIT_EXPECT_STREQ(test, buf, "10\n");
	/* Each file gets its own priv: the stride picks the third value. */
	KUNIT_EXPECT_EQ(test, krt_proc_read("/sys/krt_test_tree/sub/c", buf, sizeof(buf)), 3);
	KUNIT_EXPECT_STREQ(test, buf, "30\n");
	KUNIT_EXPECT_EQ(test, krt_proc_write("/sys/krt_test_tree/wo", "21", 2), 2);
	KUNIT_EXPECT_EQ(test, dir_values[1], 21);
	KUNIT_EXPECT_EQ(test, krt_proc_read("/sys/krt_test_tree/wo", buf, sizeof(buf)), -EACCES);
	/* Neither the directories nor names that are not its files are files. */
	KUNIT_EXPECT_EQ(test, krt_proc_read("/sys/krt_test_tree", buf, sizeof(buf)), -ENOENT);
	KUNIT_EXPECT_EQ(test, krt_proc_read("/sys/krt_test_tree/sub", buf, sizeof(buf)), -ENOENT);
	KUNIT_EXPECT_EQ(test, krt_proc_read("/sys/krt_test_tree/c", buf, sizeof(buf)), -ENOENT);
	KUNIT_EXPECT_EQ(test, krt_proc_read("/sys/krt_test_tree/a/x", buf, sizeof(buf)), -ENOENT);
	KUNIT_EXPECT_EQ(test, krt_proc_read("/sys/krt_test_treex/a", buf, sizeof(buf)), -ENOENT);
	krt_proc_remove(e);
	KUNIT_EXPECT_EQ(test, krt_proc_read("/sys/krt_test_tree/a", buf, sizeof(buf)), -ENOENT);
	KUNIT_EXPECT_EQ(test, krt_proc_read("/sys/krt_test_tree/sub/c", buf, sizeof(buf)), -ENOENT);
	dir_values[1] = 20;
}

static void proc_dir_clashes_are_refused(struct kunit *test)
{
	static const struct krt_proc_dir_file inner[] = { { "c", &value_ops } };
	struct krt_proc_entry *e, *f;
	char long_path[254];	/* "sub/c" below it makes a path of 259 characters */

	KUNIT_EXPECT_EQ(test, PTR_ERR(create_test_dir("relative")), -EINVAL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(create_test_dir("/sys/krt_test_tree/")), -EINVAL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(krt_proc_create_dir("/sys/krt_test_tree", dir_files, 0,
							  dir_values, sizeof(int))), -EINVAL);
	memset(long_path, 'x', sizeof(long_path) - 1);
	long_path[0] = '/';
	long_path[sizeof(long_path) - 1] = '\0';
	KUNIT_EXPECT_EQ(test, PTR_ERR(create_test_dir(long_path)), -ENAMETOOLONG);

	/* A file first: the directory that would hold it at the same path is refused. */
	f = krt_proc_create("/sys/krt_test_tree/sub/c", &value_ops, &value);
	KUNIT_ASSERT_FALSE(test, IS_ERR(f));
	KUNIT_EXPECT_EQ(test, PTR_ERR(create_test_dir("/sys/krt_test_tree")), -EEXIST);
	krt_proc_remove(f);

	e = create_test_dir("/sys/krt_test_tree");
	KUNIT_ASSERT_FALSE(test, IS_ERR(e));
	/* Then a file or directory at its path or at one of its files' paths is refused. */
	KUNIT_EXPECT_EQ(test, PTR_ERR(create_test_dir("/sys/krt_test_tree")), -EEXIST);
	KUNIT_EXPECT_EQ(test, PTR_ERR(krt_proc_create("/sys/krt_test_tree", &value_ops, &value)),
			-EEXIST);
	KUNIT_EXPECT_EQ(test, PTR_ERR(krt_proc_create("/sys/krt_test_tree/a", &value_ops, &value)),
			-EEXIST);
	KUNIT_EXPECT_EQ(test, PTR_ERR(krt_proc_create("/sys/krt_test_tree/sub/c", &value_ops,
						      &value)), -EEXIST);
	KUNIT_EXPECT_EQ(test, PTR_ERR(krt_proc_create_dir("/sys/krt_test_tree/sub", inner, 1,
							  &value, 0)), -EEXIST);
	KUNIT_EXPECT_EQ(test, PTR_ERR(krt_proc_create_dir("/sys/krt_test_tree/sub/c", inner, 1,
							  &value, 0)), -EEXIST);
	/* Other names below it are free. */
	f = krt_proc_create("/sys/krt_test_tree/b", &value_ops, &value);
	KUNIT_EXPECT_FALSE(test, IS_ERR(f));
	krt_proc_remove(f);
	krt_proc_remove(e);

	/* A directory inside another directory's files: its own files may not shadow them. */
	e = krt_proc_create_dir("/sys/krt_test_tree/sub", inner, 1, &value, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(e));
	KUNIT_EXPECT_EQ(test, PTR_ERR(create_test_dir("/sys/krt_test_tree")), -EEXIST);
	krt_proc_remove(e);
}

static int collect_tree_paths(const char *path, void *arg)
{
	char *out = arg;

	if (!strncmp(path, "/sys/krt_test_tree", 18)) {
		strcat(out, path);
		strcat(out, " ");
	}
	return 0;
}

static void proc_dir_listed_and_removed_by_prefix(struct kunit *test)
{
	char paths[256] = "", buf[8];

	KUNIT_ASSERT_FALSE(test, IS_ERR(create_test_dir("/sys/krt_test_tree")));
	krt_proc_for_each(collect_tree_paths, paths);
	KUNIT_EXPECT_STREQ(test, paths, "/sys/krt_test_tree/a /sys/krt_test_tree/sub/c "
					"/sys/krt_test_tree/wo ");
	krt_proc_remove_prefix("/sys/krt_test_tree");
	KUNIT_EXPECT_EQ(test, krt_proc_read("/sys/krt_test_tree/a", buf, sizeof(buf)), -ENOENT);
	paths[0] = '\0';
	krt_proc_for_each(collect_tree_paths, paths);
	KUNIT_EXPECT_STREQ(test, paths, "");
}

static struct kunit_case proc_test_cases[] = {
	KUNIT_CASE(proc_read_write),
	KUNIT_CASE(proc_errors),
	KUNIT_CASE(proc_remove_prefix_removes_a_directory),
	KUNIT_CASE(proc_large_file_grows_buffer),
	KUNIT_CASE(proc_remove_waits_for_readers),
	KUNIT_CASE(proc_for_each_lists_core_files),
	KUNIT_CASE(proc_thread_self_comm),
	KUNIT_CASE(proc_dir_files_read_and_write),
	KUNIT_CASE(proc_dir_clashes_are_refused),
	KUNIT_CASE(proc_dir_listed_and_removed_by_prefix),
	{}
};

static struct kunit_suite proc_test_suite = {
	.name = "krt_proc",
	.test_cases = proc_test_cases,
};
kunit_test_suite(proc_test_suite);
