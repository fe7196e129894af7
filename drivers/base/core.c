// SPDX-License-Identifier: MIT
/*
 * The device core, reduced to object lifetime: a device is initialised (one reference), named,
 * added below its parent, deleted, and released when its last reference goes away. Releasing
 * frees its managed resources (devres) and then calls the release callback of the device, its
 * type or its class, in that order of preference, as the kernel does.
 *
 * What the kernel keeps in the device's kobject (name, kref, state) lives in struct device
 * itself; the kobject messages krt can reproduce (initialising twice, adding or getting an
 * uninitialised object) are printed with the kernel's texts.
 */
#include <linux/device.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/string.h>

#include "base.h"

/**
 * dev_driver_string - the name of the driver bound to a device, else of its bus or class
 * @dev: the device
 *
 * Return: the name to print in front of the device's name; "" if there is none.
 */
const char *dev_driver_string(const struct device *dev)
{
	struct device_driver *drv = READ_ONCE(dev->driver);

	return drv ? drv->name : dev_bus_name(dev);
}
EXPORT_SYMBOL(dev_driver_string);

/**
 * _dev_printk - printk() with the device's driver and name in front
 * @level: a KERN_* level
 * @dev: the device, or NULL
 * @fmt: format
 */
void _dev_printk(const char *level, const struct device *dev, const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	if (dev)
		printk("%s%s %s: %pV", level, dev_driver_string(dev), dev_name(dev), &vaf);
	else
		printk("%s(NULL device *): %pV", level, &vaf);
	va_end(args);
}
EXPORT_SYMBOL(_dev_printk);

/**
 * dev_err_probe - report a probe error and return it
 * @dev: the device
 * @err: the error (negative errno)
 * @fmt: what failed
 *
 * -EPROBE_DEFER is reported at debug level only and -ENOMEM not at all (the allocator has said
 * enough); anything else with dev_err() as "error <name>: <message>".
 *
 * Return: @err
 */
int dev_err_probe(const struct device *dev, int err, const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	if (err == -EPROBE_DEFER)
		dev_dbg(dev, "error %pe: %pV", ERR_PTR(err), &vaf);
	else if (err != -ENOMEM)
		dev_err(dev, "error %pe: %pV", ERR_PTR(err), &vaf);
	va_end(args);
	return err;
}
EXPORT_SYMBOL_GPL(dev_err_probe);

static int device_set_name_va(struct device *dev, const char *fmt, va_list args)
{
	const char *old = dev->name;
	char *name, *p;

	if (old && !fmt)
		return 0;
	name = kvasprintf(GFP_KERNEL, fmt, args);
	if (!name)
		return -ENOMEM;
	/* A name is one path component: the kernel turns '/' into '!'. */
	for (p = name; *p; p++)
		if (*p == '/')
			*p = '!';
	dev->name = name;
	kfree_const(old);
	return 0;
}

/**
 * dev_set_name - set a device's name
 * @dev: the device
 * @fmt: format of the name
 *
 * Return: 0, or -ENOMEM.
 */
int dev_set_name(struct device *dev, const char *fmt, ...)
{
	va_list args;
	int err;

	va_start(args, fmt);
	err = device_set_name_va(dev, fmt, args);
	va_end(args);
	return err;
}
EXPORT_SYMBOL_GPL(dev_set_name);

/**
 * device_initialize - prepare a device for use
 * @dev: the device, zeroed by its allocator apart from what the caller has set
 *
 * The device gets its first reference: from here on it must be released with put_device(),
 * never freed directly, even if device_add() fails.
 */
void device_initialize(struct device *dev)
{
	if (dev->state_initialized) {
		/* As the kernel: report it and carry on. */
		pr_err("kobject (%p): tried to init an initialized object, something is seriously wrong.\n",
		       dev);
		dump_stack_lvl(KERN_ERR);
	}
	kref_init(&dev->kref);
	dev->state_initialized = true;
	dev->state_added = false;
	dev->dead = false;
	mutex_init(&dev->mutex);
	spin_lock_init(&dev->devres_lock);
	INIT_LIST_HEAD(&dev->devres_head);
	set_dev_node(dev, NUMA_NO_NODE);
}
EXPORT_SYMBOL_GPL(device_initialize);

static void device_release(struct kref *kref)
{
	struct device *dev = container_of(kref, struct device, kref);
	const char *name = dev->name;

	if (dev->state_added)
		pr_debug("'%s' (%p): auto cleanup kobject_del\n", dev_name(dev), dev);

	/* Resources added after device_del(), or by a device that was never added. */
	devres_release_all(dev);

	if (dev->release)
		dev->release(dev);
	else if (dev->type && dev->type->release)
		dev->type->release(dev);
	else if (dev->class && dev->class->dev_release)
		dev->class->dev_release(dev);
	else
		WARN(1, KERN_ERR "Device '%s' does not have a release() function, it is broken and must be fixed. See Documentation/core-api/kobject.rst.\n",
		     name);
	/* The name outlives the release callback, which may still print it. */
	kfree_const(name);
}

/**
 * get_device - take a reference to a device
 * @dev: the device, or NULL
 *
 * Return: @dev
 */
struct device *get_device(struct device *dev)
{
	if (!dev)
		return NULL;
	if (!dev->state_initialized) {
		WARN(1, KERN_WARNING "kobject: '%s' (%p): is not initialized, yet kobject_get() is being called.\n",
		     dev_name(dev), dev);
		return dev;
	}
	kref_get(&dev->kref);
	return dev;
}
EXPORT_SYMBOL_GPL(get_device);

/**
 * put_device - drop a reference to a device
 * @dev: the device, or NULL
 *
 * The last reference releases the device: its managed resources, then its release callback.
 */
void put_device(struct device *dev)
{
	if (!dev)
		return;
	if (!dev->state_initialized) {
		WARN(1, KERN_WARNING "kobject: '%s' (%p): is not initialized, yet kobject_put() is being called.\n",
		     dev_name(dev), dev);
		return;
	}
	kref_put(&dev->kref, device_release);
}
EXPORT_SYMBOL_GPL(put_device);

/**
 * device_add - make an initialised device known
 * @dev: the device
 *
 * Gives the device its name (@dev->init_name, a name set earlier with dev_set_name(), or the
 * bus's dev_name followed by @dev->id) and takes a reference to its parent. There is no sysfs
 * and no driver probing in krt.
 *
 * Return: 0; -EINVAL if the device has no name or was not initialised; -EEXIST if it was
 * already added; -ENOMEM. On failure the caller still owns its reference and must drop it with
 * put_device().
 */
int device_add(struct device *dev)
{
	struct device *parent;
	int error = 0;

	if (!dev)
		return -EINVAL;
	if (!dev->state_initialized) {
		pr_err("kobject '%s' (%p): tried to add an uninitialized object, something is seriously wrong.\n",
		       dev_name(dev), dev);
		dump_stack_lvl(KERN_ERR);
		return -EINVAL;
	}
	get_device(dev);

	if (dev->init_name) {
		error = dev_set_name(dev, "%s", dev->init_name);
		dev->init_name = NULL;
	}
	if (!error && !dev_name(dev)) {
		if (dev->bus && dev->bus->dev_name)
			error = dev_set_name(dev, "%s%u", dev->bus->dev_name, dev->id);
		else
			error = -EINVAL;
	}
	if (error)
		goto out;

	if (dev->state_added) {
		pr_err("kobject_add_internal failed for %s with -EEXIST, don't try to register things with the same name in the same directory.\n",
		       dev_name(dev));
		dump_stack_lvl(KERN_ERR);
		error = -EEXIST;
		goto out;
	}

	pr_debug("device: '%s': %s\n", dev_name(dev), __func__);
	parent = get_device(dev->parent);
	if (parent && dev_to_node(dev) == NUMA_NO_NODE)
		set_dev_node(dev, dev_to_node(parent));
	dev->dead = false;
	dev->state_added = true;
out:
	put_device(dev);
	return error;
}
EXPORT_SYMBOL_GPL(device_add);

/**
 * device_del - take a device out of use
 * @dev: a device that device_add() added
 *
 * Unbinds its driver, releases its managed resources (newest first) and drops the reference
 * to its parent. The caller's own reference is untouched: drop it with put_device().
 */
void device_del(struct device *dev)
{
	struct device *parent;

	/* The kernel oopses on a device that is not added; krt reports it and does nothing. */
	if (WARN_ON(!dev->state_initialized || !dev->state_added))
		return;

	device_lock(dev);
	dev->dead = true;
	device_unlock(dev);

	pr_debug("device: '%s': %s\n", dev_name(dev), __func__);
	/* What unbinding the driver does: its resources go, and the device has no driver. */
	WRITE_ONCE(dev->driver, NULL);
	devres_release_all(dev);

	parent = dev->parent;
	dev->state_added = false;
	put_device(parent);
}
EXPORT_SYMBOL_GPL(device_del);

/**
 * device_register - device_initialize() and device_add() in one
 * @dev: the device
 *
 * Return: as device_add(). On failure the device still holds its reference: the caller must
 * call put_device(), never free it.
 */
int device_register(struct device *dev)
{
	device_initialize(dev);
	return device_add(dev);
}
EXPORT_SYMBOL_GPL(device_register);

/**
 * device_unregister - device_del() and put_device() in one
 * @dev: the device
 */
void device_unregister(struct device *dev)
{
	pr_debug("device: '%s': %s\n", dev_name(dev), __func__);
	device_del(dev);
	put_device(dev);
}
EXPORT_SYMBOL_GPL(device_unregister);
