/* SPDX-License-Identifier: MIT */
/*
 * Devices owned by a KUnit test case (Linux's include/kunit/device.h): a struct device, with a
 * driver of its own, that is unregistered when the test case ends, so that devm_* resources
 * can be tested. The devices sit on a "kunit" bus that has no sysfs and never probes.
 */
#ifndef _KUNIT_DEVICE_H
#define _KUNIT_DEVICE_H

#include <kunit/test.h>

struct device;
struct device_driver;

/**
 * kunit_driver_create() - a struct device_driver on the kunit bus, named @name.
 * @test: the test case.
 * @name: the driver's name (copied).
 *
 * The driver is freed when the test case ends.
 *
 * Return: the driver, or ERR_PTR(-ENOMEM).
 */
struct device_driver *kunit_driver_create(struct kunit *test, const char *name);

/**
 * kunit_device_register() - register a device named "<test case>.<name>" with its own driver.
 * @test: the test case.
 * @name: the device's (and its driver's) name.
 *
 * The device and the driver are unregistered when the test case ends, or earlier by
 * kunit_device_unregister().
 *
 * Return: the device, or an ERR_PTR() if it could not be allocated or registered.
 */
struct device *kunit_device_register(struct kunit *test, const char *name);

/**
 * kunit_device_register_with_driver() - kunit_device_register() with the caller's driver.
 * @test: the test case.
 * @name: the device's name.
 * @drv: the driver the device is bound to; it must outlive the device.
 *
 * Return: the device, or an ERR_PTR().
 */
struct device *kunit_device_register_with_driver(struct kunit *test, const char *name,
						 const struct device_driver *drv);

/**
 * kunit_device_unregister() - unregister a KUnit device before the test case ends.
 * @test: the test case that registered it.
 * @dev: the device.
 *
 * Its managed resources are released now; the driver KUnit created for it is freed too.
 */
void kunit_device_unregister(struct kunit *test, struct device *dev);

#endif /* _KUNIT_DEVICE_H */
