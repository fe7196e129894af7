// SPDX-License-Identifier: MIT
/*
 * Device-managed resources. Each resource is one kmalloc()ed block: a node on the device's
 * devres list (release callback, name, size) followed by the caller's data, aligned as kmalloc()
 * memory is. The list is kept oldest first; releasing walks it newest first, so that a resource
 * acquired after another is given back before it.
 *
 * Resources are released when the device is deleted (device_del()) and again, for those added
 * after that, when its last reference goes away. devres groups are not implemented.
 *
 * devres.log=1 on the command line prints every ADD/REM/REL, as CONFIG_DEBUG_DEVRES does.
 */
#include <linux/device.h>
#include <linux/export.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/string.h>

#include "base.h"

struct devres_node {
	struct list_head entry;
	dr_release_t release;
	const char *name;
	size_t size;
};

struct devres {
	struct devres_node node;
	/* The caller's data: as aligned as any kmalloc() memory. */
	u8 __aligned(ARCH_KMALLOC_MINALIGN) data[];
};

static int log_devres;
module_param_named(log, log_devres, int, 0644);

static void devres_log(struct device *dev, struct devres_node *node, const char *op)
{
	if (unlikely(log_devres))
		dev_err(dev, "DEVRES %3s %p %s (%zu bytes)\n", op, node, node->name, node->size);
}

static inline struct devres *res_to_dr(const void *res)
{
	return container_of((void *)res, struct devres, data);
}

/* The size of a block holding @size bytes of data: false if it does not fit a size_t. */
static bool dr_total_size(size_t size, size_t *total)
{
	if (unlikely(check_add_overflow(sizeof(struct devres), size, total)))
		return false;
	/* The whole kmalloc bucket is the resource's, so devm_krealloc() can grow in place. */
	*total = kmalloc_size_roundup(*total);
	return true;
}

/* Inlined so that the allocation is accounted to the caller of the devm_/devres_ function. */
static __always_inline struct devres *alloc_dr(dr_release_t release, size_t size, gfp_t gfp,
					       int nid)
{
	struct devres *dr;
	size_t total;

	if (!dr_total_size(size, &total))
		return NULL;
	dr = kmalloc_node_track_caller(total, gfp, nid);
	if (unlikely(!dr))
		return NULL;
	if (!(gfp & __GFP_ZERO))
		memset(dr, 0, offsetof(struct devres, data));
	INIT_LIST_HEAD(&dr->node.entry);
	dr->node.release = release;
	return dr;
}

static void add_dr(struct device *dev, struct devres_node *node)
{
	devres_log(dev, node, "ADD");
	BUG_ON(!list_empty(&node->entry));
	list_add_tail(&node->entry, &dev->devres_head);
}

/* The newest resource with this @release that @match accepts; devres_lock held. */
static struct devres *find_dr(struct device *dev, dr_release_t release, dr_match_t match,
			      void *match_data)
{
	struct devres_node *node;

	lockdep_assert_held(&dev->devres_lock);
	list_for_each_entry_reverse(node, &dev->devres_head, entry) {
		struct devres *dr = container_of(node, struct devres, node);

		if (node->release != release)
			continue;
		if (match && !match(dev, dr->data, match_data))
			continue;
		return dr;
	}
	return NULL;
}

/**
 * __devres_alloc_node - allocate a zeroed device resource
 * @release: what releasing the resource does
 * @size: bytes of data
 * @gfp: allocation flags
 * @nid: NUMA node (NUMA_NO_NODE)
 * @name: the resource's name for devres.log (devres_alloc() passes the release function's)
 *
 * The resource is not on any device yet: devres_add() adds it, devres_free() frees it.
 *
 * Return: the data, or NULL.
 */
void *__devres_alloc_node(dr_release_t release, size_t size, gfp_t gfp, int nid, const char *name)
{
	struct devres *dr = alloc_dr(release, size, gfp | __GFP_ZERO, nid);

	if (unlikely(!dr))
		return NULL;
	dr->node.name = name;
	dr->node.size = size;
	return dr->data;
}
EXPORT_SYMBOL_GPL(__devres_alloc_node);

/**
 * devres_free - free a resource that is on no device
 * @res: data from devres_alloc(), or NULL
 *
 * A resource still on a device's list is a bug (BUG()).
 */
void devres_free(void *res)
{
	struct devres *dr;

	if (!res)
		return;
	dr = res_to_dr(res);
	BUG_ON(!list_empty(&dr->node.entry));
	kfree(dr);
}
EXPORT_SYMBOL_GPL(devres_free);

/**
 * devres_add - hand a resource to a device
 * @dev: the device
 * @res: data from devres_alloc(), on no device yet
 */
void devres_add(struct device *dev, void *res)
{
	struct devres *dr = res_to_dr(res);
	unsigned long flags;

	spin_lock_irqsave(&dev->devres_lock, flags);
	add_dr(dev, &dr->node);
	spin_unlock_irqrestore(&dev->devres_lock, flags);
}
EXPORT_SYMBOL_GPL(devres_add);

/**
 * devres_for_each_res - call @fn for each resource with @release that @match accepts
 * @dev: the device
 * @release: the release function identifying the resource type
 * @match: filter, or NULL for all of that type
 * @match_data: its argument
 * @fn: called as @fn(@dev, data, @data), newest first, with the devres lock held
 * @data: its argument
 */
void devres_for_each_res(struct device *dev, dr_release_t release, dr_match_t match,
			 void *match_data, void (*fn)(struct device *, void *, void *), void *data)
{
	struct devres_node *node, *tmp;
	unsigned long flags;

	if (!fn)
		return;
	spin_lock_irqsave(&dev->devres_lock, flags);
	list_for_each_entry_safe_reverse(node, tmp, &dev->devres_head, entry) {
		struct devres *dr = container_of(node, struct devres, node);

		if (node->release != release)
			continue;
		if (match && !match(dev, dr->data, match_data))
			continue;
		fn(dev, dr->data, data);
	}
	spin_unlock_irqrestore(&dev->devres_lock, flags);
}
EXPORT_SYMBOL_GPL(devres_for_each_res);

/**
 * devres_find - find a resource of a device
 * @dev: the device
 * @release: the release function identifying the resource type
 * @match: filter, or NULL
 * @match_data: its argument
 *
 * Return: the newest matching resource's data, or NULL.
 */
void *devres_find(struct device *dev, dr_release_t release, dr_match_t match, void *match_data)
{
	struct devres *dr;
	unsigned long flags;

	spin_lock_irqsave(&dev->devres_lock, flags);
	dr = find_dr(dev, release, match, match_data);
	spin_unlock_irqrestore(&dev->devres_lock, flags);
	return dr ? dr->data : NULL;
}
EXPORT_SYMBOL_GPL(devres_find);

/**
 * devres_get - find a resource, or add @new_res if there is none
 * @dev: the device
 * @new_res: data from devres_alloc(); freed if a matching resource already exists
 * @match: filter, or NULL
 * @match_data: its argument
 *
 * Return: the data of the resource now on the device.
 */
void *devres_get(struct device *dev, void *new_res, dr_match_t match, void *match_data)
{
	struct devres *new_dr = res_to_dr(new_res);
	struct devres *dr;
	unsigned long flags;

	spin_lock_irqsave(&dev->devres_lock, flags);
	dr = find_dr(dev, new_dr->node.release, match, match_data);
	if (!dr) {
		add_dr(dev, &new_dr->node);
		dr = new_dr;
		new_res = NULL;
	}
	spin_unlock_irqrestore(&dev->devres_lock, flags);
	devres_free(new_res);
	return dr->data;
}
EXPORT_SYMBOL_GPL(devres_get);

/**
 * devres_remove - take a resource off its device without releasing or freeing it
 * @dev: the device
 * @release: the release function identifying the resource type
 * @match: filter, or NULL
 * @match_data: its argument
 *
 * Return: the data of the newest matching resource (now the caller's), or NULL.
 */
void *devres_remove(struct device *dev, dr_release_t release, dr_match_t match, void *match_data)
{
	struct devres *dr;
	unsigned long flags;

	spin_lock_irqsave(&dev->devres_lock, flags);
	dr = find_dr(dev, release, match, match_data);
	if (dr) {
		list_del_init(&dr->node.entry);
		devres_log(dev, &dr->node, "REM");
	}
	spin_unlock_irqrestore(&dev->devres_lock, flags);
	return dr ? dr->data : NULL;
}
EXPORT_SYMBOL_GPL(devres_remove);

/**
 * devres_destroy - remove and free a resource without calling its release function
 * @dev: the device
 * @release: the release function identifying the resource type
 * @match: filter, or NULL
 * @match_data: its argument
 *
 * Return: 0, or -ENOENT if no resource matched.
 */
int devres_destroy(struct device *dev, dr_release_t release, dr_match_t match, void *match_data)
{
	void *res = devres_remove(dev, release, match, match_data);

	if (unlikely(!res))
		return -ENOENT;
	devres_free(res);
	return 0;
}
EXPORT_SYMBOL_GPL(devres_destroy);

/**
 * devres_release - remove a resource, call its release function and free it
 * @dev: the device
 * @release: the release function identifying the resource type
 * @match: filter, or NULL
 * @match_data: its argument
 *
 * Return: 0, or -ENOENT if no resource matched.
 */
int devres_release(struct device *dev, dr_release_t release, dr_match_t match, void *match_data)
{
	void *res = devres_remove(dev, release, match, match_data);

	if (unlikely(!res))
		return -ENOENT;
	release(dev, res);
	devres_free(res);
	return 0;
}
EXPORT_SYMBOL_GPL(devres_release);

int devres_release_all(struct device *dev)
{
	struct devres_node *node, *tmp;
	unsigned long flags;
	LIST_HEAD(todo);
	int count = 0;

	/* A device that device_initialize() never saw. */
	if (WARN_ON(dev->devres_head.next == NULL))
		return -ENODEV;
	if (list_empty(&dev->devres_head))
		return 0;

	spin_lock_irqsave(&dev->devres_lock, flags);
	list_splice_init(&dev->devres_head, &todo);
	spin_unlock_irqrestore(&dev->devres_lock, flags);

	/* Newest first; a release callback may add resources to @dev: those wait for the next. */
	list_for_each_entry_safe_reverse(node, tmp, &todo, entry) {
		struct devres *dr = container_of(node, struct devres, node);

		devres_log(dev, node, "REL");
		list_del(&node->entry);
		node->release(dev, dr->data);
		kfree(dr);
		count++;
	}
	return count;
}

/* Managed actions. */

struct action_devres {
	void *data;
	void (*action)(void *data);
};

static int devm_action_match(struct device *dev, void *res, void *p)
{
	struct action_devres *devres = res, *target = p;

	return devres->action == target->action && devres->data == target->data;
}

static void devm_action_release(struct device *dev, void *res)
{
	struct action_devres *devres = res;

	devres->action(devres->data);
}

/**
 * __devm_add_action - run @action(@data) when the device's resources are released
 * @dev: the device
 * @action: the function
 * @data: its argument
 * @name: the action's name for devres.log (devm_add_action() passes the function's)
 *
 * Return: 0, or -ENOMEM (then @action is not called: devm_add_action_or_reset() does that).
 */
int __devm_add_action(struct device *dev, void (*action)(void *), void *data, const char *name)
{
	struct action_devres *devres;

	devres = __devres_alloc_node(devm_action_release, sizeof(*devres), GFP_KERNEL,
				     NUMA_NO_NODE, name);
	if (!devres)
		return -ENOMEM;
	devres->data = data;
	devres->action = action;
	devres_add(dev, devres);
	return 0;
}
EXPORT_SYMBOL_GPL(__devm_add_action);

/**
 * devm_remove_action - cancel an action without running it
 * @dev: the device
 * @action: the function given to devm_add_action()
 * @data: its argument
 *
 * WARNs if there is no such action.
 */
void devm_remove_action(struct device *dev, void (*action)(void *), void *data)
{
	struct action_devres devres = { .data = data, .action = action };

	WARN_ON(devres_destroy(dev, devm_action_release, devm_action_match, &devres));
}
EXPORT_SYMBOL_GPL(devm_remove_action);

/**
 * devm_release_action - run an action now, and not again at release
 * @dev: the device
 * @action: the function given to devm_add_action()
 * @data: its argument
 *
 * WARNs if there is no such action.
 */
void devm_release_action(struct device *dev, void (*action)(void *), void *data)
{
	struct action_devres devres = { .data = data, .action = action };

	WARN_ON(devres_release(dev, devm_action_release, devm_action_match, &devres));
}
EXPORT_SYMBOL_GPL(devm_release_action);

/* Managed kmalloc: the resource's data is the caller's memory. */

static void devm_kmalloc_release(struct device *dev, void *res)
{
	/* Freeing the resource frees the memory. */
}

static int devm_kmalloc_match(struct device *dev, void *res, void *data)
{
	return res == data;
}

/**
 * devm_kmalloc - kmalloc() memory that is freed with the device's resources
 * @dev: the device
 * @size: bytes (0 gives ZERO_SIZE_PTR)
 * @gfp: allocation flags, as for kmalloc()
 *
 * The memory is aligned to ARCH_KMALLOC_MINALIGN. A @size too large for the header to be added
 * gives NULL without a warning; otherwise kmalloc()'s failure reports apply.
 *
 * Return: the memory, ZERO_SIZE_PTR, or NULL.
 */
void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp)
{
	struct devres *dr;

	if (unlikely(!size))
		return ZERO_SIZE_PTR;
	dr = alloc_dr(devm_kmalloc_release, size, gfp, dev_to_node(dev));
	if (unlikely(!dr))
		return NULL;
	dr->node.name = "devm_kzalloc_release";
	dr->node.size = size;
	devres_add(dev, dr->data);
	return dr->data;
}
EXPORT_SYMBOL_GPL(devm_kmalloc);

/**
 * devm_kfree - free devm_kmalloc() memory before the device's resources are released
 * @dev: the device that allocated it
 * @p: the memory; NULL and ZERO_SIZE_PTR do nothing
 *
 * Anything else that is not a devm_kmalloc() allocation of @dev is left alone with a WARN.
 * (krt's devm_kstrdup_const() always copies, so string literals are not special here.)
 */
void devm_kfree(struct device *dev, const void *p)
{
	int rc;

	if (unlikely(ZERO_OR_NULL_PTR(p)))
		return;
	rc = devres_destroy(dev, devm_kmalloc_release, devm_kmalloc_match, (void *)p);
	WARN_ON(rc);
}
EXPORT_SYMBOL_GPL(devm_kfree);

/**
 * devm_krealloc - resize devm_kmalloc() memory
 * @dev: the device that allocated it
 * @ptr: the memory; NULL or ZERO_SIZE_PTR allocate anew
 * @new_size: new size; 0 frees @ptr and gives ZERO_SIZE_PTR
 * @gfp: allocation flags
 *
 * The contents are kept up to the smaller size; memory beyond the old size is zeroed only with
 * __GFP_ZERO and only if the old allocation was zeroed too, as in the kernel.
 *
 * Return: the memory (possibly @ptr itself), or NULL with @ptr unchanged. WARNs if @ptr is not
 * a devm_kmalloc() allocation of @dev.
 */
void *devm_krealloc(struct device *dev, void *ptr, size_t new_size, gfp_t gfp)
{
	size_t new_total, old_total;
	struct devres *old_dr, *new_dr;
	unsigned long flags;

	if (unlikely(!new_size)) {
		devm_kfree(dev, ptr);
		return ZERO_SIZE_PTR;
	}
	if (unlikely(ZERO_OR_NULL_PTR(ptr)))
		return devm_kmalloc(dev, new_size, gfp);
	if (!dr_total_size(new_size, &new_total))
		return NULL;

	/* Look the pointer up before asking ksize() about it: it may be anything. */
	spin_lock_irqsave(&dev->devres_lock, flags);
	old_dr = find_dr(dev, devm_kmalloc_release, devm_kmalloc_match, ptr);
	spin_unlock_irqrestore(&dev->devres_lock, flags);
	if (!old_dr) {
		WARN(1, "Memory chunk not managed or managed by a different device.");
		return NULL;
	}
	old_total = ksize(old_dr);
	if (new_total <= old_total)
		return ptr;

	new_dr = alloc_dr(devm_kmalloc_release, new_size, gfp, dev_to_node(dev));
	if (!new_dr)
		return NULL;
	new_dr->node.name = "devm_krealloc_release";
	new_dr->node.size = new_size;

	spin_lock_irqsave(&dev->devres_lock, flags);
	old_dr = find_dr(dev, devm_kmalloc_release, devm_kmalloc_match, ptr);
	if (!old_dr) {
		spin_unlock_irqrestore(&dev->devres_lock, flags);
		kfree(new_dr);
		WARN(1, "Memory chunk not managed or managed by a different device.");
		return NULL;
	}
	devres_log(dev, &old_dr->node, "REPLACE");
	list_replace(&old_dr->node.entry, &new_dr->node.entry);
	spin_unlock_irqrestore(&dev->devres_lock, flags);

	memcpy(new_dr->data, old_dr->data, old_total - offsetof(struct devres, data));
	kfree(old_dr);
	return new_dr->data;
}
EXPORT_SYMBOL_GPL(devm_krealloc);

/**
 * devm_kmemdup - devm_kmalloc() a copy of @len bytes at @src
 * @dev: the device
 * @src: the bytes
 * @len: how many
 * @gfp: allocation flags
 *
 * Return: the copy, or NULL.
 */
void *devm_kmemdup(struct device *dev, const void *src, size_t len, gfp_t gfp)
{
	void *p = devm_kmalloc(dev, len, gfp);

	if (p)
		memcpy(p, src, len);
	return p;
}
EXPORT_SYMBOL_GPL(devm_kmemdup);

/**
 * devm_kstrdup - devm_kmalloc() a copy of a string
 * @dev: the device
 * @s: the string (NULL gives NULL)
 * @gfp: allocation flags
 *
 * Return: the copy, or NULL.
 */
char *devm_kstrdup(struct device *dev, const char *s, gfp_t gfp)
{
	size_t size;
	char *buf;

	if (!s)
		return NULL;
	size = strlen(s) + 1;
	buf = devm_kmalloc(dev, size, gfp);
	if (buf)
		memcpy(buf, s, size);
	return buf;
}
EXPORT_SYMBOL_GPL(devm_kstrdup);

/**
 * devm_kstrdup_const - devm_kstrdup() that may share constant strings
 * @dev: the device
 * @s: the string
 * @gfp: allocation flags
 *
 * krt cannot tell read-only data from other memory portably, so this always copies (the
 * kernel returns @s itself when it is in .rodata). Free with devm_kfree().
 *
 * Return: the copy, or NULL.
 */
const char *devm_kstrdup_const(struct device *dev, const char *s, gfp_t gfp)
{
	return devm_kstrdup(dev, s, gfp);
}
EXPORT_SYMBOL_GPL(devm_kstrdup_const);

/**
 * devm_kvasprintf - devm_kmalloc() a formatted string
 * @dev: the device
 * @gfp: allocation flags
 * @fmt: format
 * @ap: arguments
 *
 * Return: the string, or NULL.
 */
char *devm_kvasprintf(struct device *dev, gfp_t gfp, const char *fmt, va_list ap)
{
	unsigned int len;
	va_list aq;
	char *p;

	va_copy(aq, ap);
	len = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	p = devm_kmalloc(dev, len + 1, gfp);
	if (!p)
		return NULL;
	vsnprintf(p, len + 1, fmt, ap);
	return p;
}
EXPORT_SYMBOL(devm_kvasprintf);

/**
 * devm_kasprintf - devm_kmalloc() a formatted string
 * @dev: the device
 * @gfp: allocation flags
 * @fmt: format
 *
 * Return: the string, or NULL.
 */
char *devm_kasprintf(struct device *dev, gfp_t gfp, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = devm_kvasprintf(dev, gfp, fmt, ap);
	va_end(ap);
	return p;
}
EXPORT_SYMBOL_GPL(devm_kasprintf);

/* Managed pages. */

struct pages_devres {
	unsigned long addr;
	unsigned int order;
};

static int devm_pages_match(struct device *dev, void *res, void *p)
{
	struct pages_devres *devres = res, *target = p;

	return devres->addr == target->addr;
}

static void devm_pages_release(struct device *dev, void *res)
{
	struct pages_devres *devres = res;

	free_pages(devres->addr, devres->order);
}

/**
 * devm_get_free_pages - __get_free_pages() freed with the device's resources
 * @dev: the device
 * @gfp_mask: allocation flags
 * @order: allocation order
 *
 * Return: the address of the first page, or 0.
 */
unsigned long devm_get_free_pages(struct device *dev, gfp_t gfp_mask, unsigned int order)
{
	struct pages_devres *devres;
	unsigned long addr;

	addr = __get_free_pages(gfp_mask, order);
	if (unlikely(!addr))
		return 0;
	devres = devres_alloc(devm_pages_release, sizeof(*devres), GFP_KERNEL);
	if (unlikely(!devres)) {
		free_pages(addr, order);
		return 0;
	}
	devres->addr = addr;
	devres->order = order;
	devres_add(dev, devres);
	return addr;
}
EXPORT_SYMBOL_GPL(devm_get_free_pages);

/**
 * devm_free_pages - free devm_get_free_pages() memory early
 * @dev: the device
 * @addr: the address devm_get_free_pages() returned
 *
 * WARNs if @addr is not such an allocation of @dev.
 */
void devm_free_pages(struct device *dev, unsigned long addr)
{
	struct pages_devres devres = { .addr = addr };

	WARN_ON(devres_release(dev, devm_pages_release, devm_pages_match, &devres));
}
EXPORT_SYMBOL_GPL(devm_free_pages);
