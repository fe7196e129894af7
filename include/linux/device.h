/* SPDX-License-Identifier: MIT */
/*
 * A minimal device model: struct device with its name, reference count, release callback and
 * device-managed resources (devres). Devices are initialised, added, deleted and released as
 * in the kernel (device_initialize, device_add, device_del, get_device/put_device), but krt has
 * no sysfs, no uevents, no power management and no bus/driver matching: a device is never
 * probed; it is bound to a driver only when its creator sets dev->driver.
 * See Documentation/differences.md ("Devices").
 */
#ifndef _KRT_LINUX_DEVICE_H
#define _KRT_LINUX_DEVICE_H

#include <linux/compiler.h>
#include <linux/dev_printk.h>
#include <linux/device/devres.h>
#include <linux/err.h>
#include <linux/gfp_types.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/numa.h>
#include <linux/spinlock.h>
#include <linux/types.h>

struct device;
struct module;

/* A bus: here only a name (for messages) and the prefix of automatic device names. */
struct bus_type {
	const char *name;
	const char *dev_name;
};

/* A driver: its name (the prefix of dev_err() messages) and bus. Never probed in krt. */
struct device_driver {
	const char *name;
	const struct bus_type *bus;
	struct module *owner;
};

/* The type of a device: a name and the release used when dev->release is not set. */
struct device_type {
	const char *name;
	void (*release)(struct device *dev);
};

/* A class: a name and the release used when neither dev->release nor the type's is set. */
struct class {
	const char *name;
	void (*dev_release)(struct device *dev);
};

/**
 * struct device - the basic device structure
 * @parent: the device this one hangs below; added devices hold a reference to it
 * @init_name: initial name, becomes the device's name in device_add()
 * @type: device type (optional release callback)
 * @bus: the bus the device is on (optional)
 * @driver: the driver bound to the device, or NULL
 * @platform_data: for the creator of the device; the core does not touch it
 * @driver_data: set and read with dev_set_drvdata()/dev_get_drvdata()
 * @mutex: the device lock (device_lock()/device_unlock())
 * @dma_mask: DMA mask, as drivers set it (no DMA in krt)
 * @coherent_dma_mask: coherent DMA mask
 * @numa_node: NUMA node of the device (NUMA_NO_NODE)
 * @id: device instance
 * @devres_lock: protects @devres_head
 * @devres_head: the device-managed resources, oldest first
 * @class: the class of the device (optional release callback)
 * @release: called when the last reference is dropped; it frees the device
 *
 * The kernel keeps the name, the reference count and the state flags in an embedded kobject;
 * krt has no kobjects, so they are plain members here. Use dev_name(), get_device() and
 * put_device() rather than touching them.
 */
struct device {
	struct device *parent;
	const char *init_name;
	const struct device_type *type;
	const struct bus_type *bus;
	struct device_driver *driver;
	void *platform_data;
	void *driver_data;
	struct mutex mutex;
	u64 *dma_mask;
	u64 coherent_dma_mask;
	int numa_node;
	u32 id;
	spinlock_t devres_lock;
	struct list_head devres_head;
	const struct class *class;
	void (*release)(struct device *dev);

	/* private: what the kernel keeps in the kobject */
	const char *name;
	struct kref kref;
	bool state_initialized:1;
	bool state_added:1;
	bool dead:1;
};

/**
 * dev_name - the name of a device
 * @dev: the device
 *
 * Return: @dev->init_name until device_add() has made it the device's name, then that name
 * (NULL if none was ever set).
 */
static inline const char *dev_name(const struct device *dev)
{
	if (dev->init_name)
		return dev->init_name;
	return dev->name;
}

/* dev_bus_name - the name of the device's bus, else of its class, else "". */
static inline const char *dev_bus_name(const struct device *dev)
{
	return dev->bus ? dev->bus->name : (dev->class ? dev->class->name : "");
}

const char *dev_driver_string(const struct device *dev);

__printf(2, 3) int dev_set_name(struct device *dev, const char *name, ...);

static inline void *dev_get_drvdata(const struct device *dev)
{
	return dev->driver_data;
}

static inline void dev_set_drvdata(struct device *dev, void *data)
{
	dev->driver_data = data;
}

static inline int dev_to_node(const struct device *dev)
{
	return dev->numa_node;
}

static inline void set_dev_node(struct device *dev, int node)
{
	dev->numa_node = node;
}

static inline void device_lock(struct device *dev)
{
	mutex_lock(&dev->mutex);
}

static inline int device_trylock(struct device *dev)
{
	return mutex_trylock(&dev->mutex);
}

static inline void device_unlock(struct device *dev)
{
	mutex_unlock(&dev->mutex);
}

static inline void device_lock_assert(struct device *dev)
{
	lockdep_assert_held(&dev->mutex);
}

/* device_is_registered - has device_add() succeeded, and device_del() not run yet? */
static inline int device_is_registered(struct device *dev)
{
	return dev->state_added;
}

void device_initialize(struct device *dev);
int __must_check device_add(struct device *dev);
void device_del(struct device *dev);
int __must_check device_register(struct device *dev);
void device_unregister(struct device *dev);
struct device *get_device(struct device *dev);
void put_device(struct device *dev);

/* Managed actions: @action(@data) runs when the device's resources are released. */
int __devm_add_action(struct device *dev, void (*action)(void *), void *data, const char *name);
#define devm_add_action(dev, action, data) \
	__devm_add_action(dev, action, data, #action)

static inline int __devm_add_action_or_reset(struct device *dev, void (*action)(void *),
					     void *data, const char *name)
{
	int ret = __devm_add_action(dev, action, data, name);

	if (ret)
		action(data);
	return ret;
}
#define devm_add_action_or_reset(dev, action, data) \
	__devm_add_action_or_reset(dev, action, data, #action)

void devm_remove_action(struct device *dev, void (*action)(void *), void *data);
void devm_release_action(struct device *dev, void (*action)(void *), void *data);

#endif /* _KRT_LINUX_DEVICE_H */
