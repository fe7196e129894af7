// SPDX-License-Identifier: MIT
/*
 * Devices owned by a test case (Linux's lib/kunit/device.c). Each one is registered on the
 * "kunit" bus and unregistered by a deferred KUnit action, so that its devm_* resources are
 * released, and the leak check after the case sees them gone, when the case ends.
 */
#include <kunit/device.h>
#include <kunit/resource.h>
#include <kunit/test.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/module.h>
#include <linux/slab.h>

/* A device owned by a test case. */
struct kunit_device {
	struct device dev;
	struct kunit *owner;
	/* The driver KUnit created for this device alone, freed with it; else NULL. */
	struct device_driver *driver;
};

#define to_kunit_device(d) container_of(d, struct kunit_device, dev)

static const struct bus_type kunit_bus_type = {
	.name = "kunit",
};

KUNIT_DEFINE_ACTION_WRAPPER(device_unregister_wrapper, device_unregister, struct device *);

static void kunit_device_release(struct device *dev)
{
	kfree(to_kunit_device(dev));
}

struct device_driver *kunit_driver_create(struct kunit *test, const char *name)
{
	struct device_driver *driver;

	driver = kunit_kzalloc(test, sizeof(*driver), GFP_KERNEL);
	if (!driver)
		return ERR_PTR(-ENOMEM);
	driver->name = kunit_kstrdup_const(test, name, GFP_KERNEL);
	if (!driver->name) {
		kunit_kfree(test, driver);
		return ERR_PTR(-ENOMEM);
	}
	driver->bus = &kunit_bus_type;
	driver->owner = THIS_MODULE;
	return driver;
}
EXPORT_SYMBOL_GPL(kunit_driver_create);

static void kunit_driver_free(struct kunit *test, struct device_driver *driver)
{
	kunit_kfree_const(test, driver->name);
	kunit_kfree(test, driver);
}

static struct kunit_device *kunit_device_register_internal(struct kunit *test, const char *name,
							   const struct device_driver *drv)
{
	struct kunit_device *kunit_dev;
	int err;

	kunit_dev = kzalloc(sizeof(*kunit_dev), GFP_KERNEL);
	if (!kunit_dev)
		return ERR_PTR(-ENOMEM);
	kunit_dev->owner = test;

	err = dev_set_name(&kunit_dev->dev, "%s.%s", test->name, name);
	if (err) {
		kfree(kunit_dev);
		return ERR_PTR(err);
	}
	kunit_dev->dev.release = kunit_device_release;
	kunit_dev->dev.bus = &kunit_bus_type;

	err = device_register(&kunit_dev->dev);
	if (err) {
		put_device(&kunit_dev->dev);
		return ERR_PTR(err);
	}
	/* krt's driver core never probes: the device is bound to @drv by hand. */
	kunit_dev->dev.driver = (struct device_driver *)drv;
	kunit_dev->dev.coherent_dma_mask = 0xffffffffULL;	/* DMA_BIT_MASK(32) */
	kunit_dev->dev.dma_mask = &kunit_dev->dev.coherent_dma_mask;

	/* Unlike the kernel, a device whose unregistering cannot be deferred is not kept. */
	err = kunit_add_action_or_reset(test, device_unregister_wrapper, &kunit_dev->dev);
	if (err)
		return ERR_PTR(err);
	return kunit_dev;
}

struct device *kunit_device_register_with_driver(struct kunit *test, const char *name,
						 const struct device_driver *drv)
{
	struct kunit_device *kunit_dev = kunit_device_register_internal(test, name, drv);

	if (IS_ERR(kunit_dev))
		return ERR_CAST(kunit_dev);
	return &kunit_dev->dev;
}
EXPORT_SYMBOL_GPL(kunit_device_register_with_driver);

struct device *kunit_device_register(struct kunit *test, const char *name)
{
	struct device_driver *driver;
	struct kunit_device *kunit_dev;

	driver = kunit_driver_create(test, name);
	if (IS_ERR(driver))
		return ERR_CAST(driver);
	kunit_dev = kunit_device_register_internal(test, name, driver);
	if (IS_ERR(kunit_dev)) {
		kunit_driver_free(test, driver);
		return ERR_CAST(kunit_dev);
	}
	kunit_dev->driver = driver;
	return &kunit_dev->dev;
}
EXPORT_SYMBOL_GPL(kunit_device_register);

void kunit_device_unregister(struct kunit *test, struct device *dev)
{
	/* Read before unregistering: that may free the device. */
	struct device_driver *driver = to_kunit_device(dev)->driver;

	kunit_release_action(test, device_unregister_wrapper, dev);
	if (driver)
		kunit_driver_free(test, driver);
}
EXPORT_SYMBOL_GPL(kunit_device_unregister);
