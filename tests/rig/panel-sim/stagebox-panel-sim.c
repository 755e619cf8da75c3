// SPDX-License-Identifier: GPL-2.0
/*
 * stagebox-panel-sim: the wiring of the box's ILI9341 panel, simulated in the rig's kernel so
 * that the firmware's real spidev and GPIO paths run unchanged under QEMU.
 *
 * It creates a platform device "stagebox-panel-sim" and, bound to it:
 *
 *  - a GPIO chip labelled "panel-sim" with two output-only lines:
 *      line 0 "panel-dc"     D/C: low = the bytes on the bus are commands, high = data;
 *      line 1 "panel-reset"  RESET, active low as on the panel (physical low = in reset).
 *    Both start high (D/C data, reset released), as the panel's pull-ups hold them before a
 *    driver requests the lines. Only edges of RESET are recorded; D/C is recorded with every
 *    transfer instead.
 *
 *  - an SPI controller (bus number `bus`, 0 by default, so the panel is /dev/spidev0.0 as on
 *    a Raspberry Pi) with one device at chip select 0 bound to spidev. Mode 0 only, 8 bits
 *    per word only, at most 62.5 MHz (a faster transfer is clocked at 62.5 MHz, as the SPI core
 *    clamps it; spidev in 6.1 still reports the speed asked for).
 *
 * Every transfer and every RESET edge is appended to a capture, read from
 * /sys/kernel/debug/stagebox-panel-sim/capture as a stream of records:
 *
 *      u8  kind      0 = command bytes (D/C low), 1 = data bytes (D/C high),
 *                    2 = reset asserted (RESET went low), 3 = reset released (RESET went high)
 *      u32 length    little-endian; the bytes that follow (0 for kinds 2 and 3)
 *      u8  bytes[length]
 *
 * One record per SPI transfer, so spidev's 4096-byte limit shows as runs of records of the
 * same kind. A transfer without a TX buffer records zeros (what MOSI carries); RX gets zeros,
 * the panel never answers. Reading does not consume: the file is the whole capture since load
 * or since the last clear, so cp/cat work. Writing anything to the file clears it and the
 * counters.
 *
 * The capture is one vmalloc'ed buffer of `capture_kib` KiB (16 MiB by default, about a
 * hundred full 320x240 RGB565 frames). It never blocks and never wraps: the first record that
 * does not fit is dropped with everything after it (counted in .../stats), so what can be
 * read is always an exact prefix of what happened.
 */
#include <linux/debugfs.h>
#include <linux/gpio/driver.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/platform_device.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spi/spi.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <asm/unaligned.h>

#define DRIVER_NAME "stagebox-panel-sim"
/*
 * The box's ceiling: the datasheet rates serial writes at 10 MHz, but ILI9341 modules are
 * commonly run at 40-62.5 MHz, and 62.5 MHz is what a Pi 4 divides its 500 MHz core clock to.
 */
#define MAX_SPEED_HZ 62500000u
#define RECORD_HEADER 5		/* kind + u32 length */

enum record_kind {
	RECORD_COMMAND = 0,
	RECORD_DATA = 1,
	RECORD_RESET_ASSERTED = 2,
	RECORD_RESET_RELEASED = 3,
};

enum panel_line { LINE_DC = 0, LINE_RESET = 1, LINE_COUNT };

static int bus;
module_param(bus, int, 0444);
MODULE_PARM_DESC(bus, "SPI bus number of the simulated controller (default 0: /dev/spidev0.0)");

static unsigned int capture_kib = 16384;
module_param(capture_kib, uint, 0444);
MODULE_PARM_DESC(capture_kib, "size of the capture buffer in KiB (default 16384)");

static const char *const line_names[LINE_COUNT] = { "panel-dc", "panel-reset" };

/* What .../stats shows; cleared with the capture. */
struct counters {
	u64 transfers, transfer_bytes, reset_edges, dropped_records, dropped_bytes;
	u32 last_speed_hz;
};

static struct panel_sim {
	/* lock guards the capture, the counters and the line levels; GPIO set may be atomic. */
	spinlock_t lock;
	u8 *buffer;
	size_t capacity, used;
	bool overflowed;	/* sticky until cleared: the capture stays a prefix */
	bool dc, reset;		/* physical levels of the two lines */
	struct counters count;
	/* read_lock keeps a clear from rewriting the buffer under a reader's copy_to_user. */
	struct mutex read_lock;
	struct gpio_chip chip;
	struct platform_device *pdev;
	struct dentry *debugfs;
	bool probed;
} sim;

/* Appends one record; the caller holds sim.lock. bytes == NULL records zeros. */
static void record(enum record_kind kind, const void *bytes, u32 length)
{
	u8 *at;

	if (sim.overflowed || sim.capacity - sim.used < RECORD_HEADER + (size_t)length) {
		sim.overflowed = true;
		sim.count.dropped_records++;
		sim.count.dropped_bytes += length;
		return;
	}
	at = sim.buffer + sim.used;
	at[0] = kind;
	put_unaligned_le32(length, at + 1);
	if (bytes)
		memcpy(at + RECORD_HEADER, bytes, length);
	else
		memset(at + RECORD_HEADER, 0, length);
	sim.used += RECORD_HEADER + length;
}

/* ------------------------------------------------------------------ GPIO: D/C and RESET */

static int line_get_direction(struct gpio_chip *chip, unsigned int offset)
{
	return GPIO_LINE_DIRECTION_OUT;
}

static int line_get(struct gpio_chip *chip, unsigned int offset)
{
	return offset == LINE_DC ? sim.dc : sim.reset;
}

static void line_set(struct gpio_chip *chip, unsigned int offset, int value)
{
	unsigned long flags;
	bool high = value != 0;

	spin_lock_irqsave(&sim.lock, flags);
	if (offset == LINE_DC) {
		sim.dc = high;
	} else if (high != sim.reset) {
		sim.reset = high;
		sim.count.reset_edges++;
		record(high ? RECORD_RESET_RELEASED : RECORD_RESET_ASSERTED, NULL, 0);
	}
	spin_unlock_irqrestore(&sim.lock, flags);
}

static int line_direction_output(struct gpio_chip *chip, unsigned int offset, int value)
{
	line_set(chip, offset, value);
	return 0;
}

/* ------------------------------------------------------------------ SPI */

static int panel_transfer_one(struct spi_controller *ctlr, struct spi_device *spi,
			      struct spi_transfer *xfer)
{
	unsigned long flags;

	if (xfer->rx_buf)
		memset(xfer->rx_buf, 0, xfer->len);
	spin_lock_irqsave(&sim.lock, flags);
	sim.count.transfers++;
	sim.count.transfer_bytes += xfer->len;
	sim.count.last_speed_hz = xfer->speed_hz;
	record(sim.dc ? RECORD_DATA : RECORD_COMMAND, xfer->tx_buf, xfer->len);
	spin_unlock_irqrestore(&sim.lock, flags);
	return 0; /* done: nothing to wait for */
}

/*
 * The device on chip select 0. spidev (built in, CONFIG_SPI_SPIDEV=y) binds in 6.1 only to the
 * names in its id table, all of them real chips (dh2228fv, ltc2488, ...). Borrowing one would
 * make the rig claim to be that chip; driver_override names the driver instead, exactly what
 * `echo spidev > .../driver_override` does on a board. The SPI core frees it with the device.
 */
static int add_panel_device(struct spi_controller *ctlr)
{
	struct spi_device *spi = spi_alloc_device(ctlr);
	int ret;

	if (!spi)
		return -ENOMEM;
	spi_set_chipselect(spi, 0, 0);
	spi->max_speed_hz = MAX_SPEED_HZ;
	spi->mode = SPI_MODE_0;
	spi->bits_per_word = 8;
	strscpy(spi->modalias, "stagebox-panel", sizeof(spi->modalias));
	spi->driver_override = kstrdup("spidev", GFP_KERNEL);
	if (!spi->driver_override) {
		spi_dev_put(spi);
		return -ENOMEM;
	}
	ret = spi_add_device(spi);
	if (ret)
		spi_dev_put(spi);
	return ret;
}

static int panel_sim_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct spi_controller *ctlr;
	int ret;

	sim.chip = (struct gpio_chip) {
		.label = "panel-sim",
		.parent = dev,
		.owner = THIS_MODULE,
		.base = -1,
		.ngpio = LINE_COUNT,
		.names = line_names,
		.get_direction = line_get_direction,
		.direction_output = line_direction_output,
		.get = line_get,
		.set = line_set,
		.can_sleep = false,
	};
	ret = devm_gpiochip_add_data(dev, &sim.chip, NULL);
	if (ret)
		return dev_err_probe(dev, ret, "adding GPIO chip panel-sim\n");

	ctlr = devm_spi_alloc_master(dev, 0);
	if (!ctlr)
		return -ENOMEM;
	ctlr->bus_num = bus;
	ctlr->num_chipselect = 1;
	ctlr->mode_bits = 0; /* CPOL and CPHA unsupported: mode 0 only, as the ILI9341 samples */
	ctlr->bits_per_word_mask = SPI_BPW_MASK(8);
	ctlr->max_speed_hz = MAX_SPEED_HZ;
	ctlr->transfer_one = panel_transfer_one;
	ret = devm_spi_register_controller(dev, ctlr);
	if (ret)
		return dev_err_probe(dev, ret, "registering SPI bus %d\n", bus);

	ret = add_panel_device(ctlr);
	if (ret)
		return dev_err_probe(dev, ret, "adding the panel at spi%d.0\n", bus);
	sim.probed = true;
	dev_info(dev, "GPIO chip panel-sim (D/C, RESET), SPI bus %d, capture of %zu KiB\n",
		 bus, sim.capacity / 1024);
	return 0;
}

static struct platform_driver panel_sim_driver = {
	.driver = { .name = DRIVER_NAME },
	.probe = panel_sim_probe,
};

/* ------------------------------------------------------------------ debugfs: capture and stats */

static ssize_t capture_read(struct file *file, char __user *to, size_t count, loff_t *position)
{
	unsigned long flags;
	size_t used;
	ssize_t ret;

	mutex_lock(&sim.read_lock);
	spin_lock_irqsave(&sim.lock, flags);
	used = sim.used;
	spin_unlock_irqrestore(&sim.lock, flags);
	/* Bytes below `used` are never rewritten until a clear, which read_lock holds off. */
	ret = simple_read_from_buffer(to, count, position, sim.buffer, used);
	mutex_unlock(&sim.read_lock);
	return ret;
}

static ssize_t capture_write(struct file *file, const char __user *from, size_t count, loff_t *position)
{
	unsigned long flags;

	mutex_lock(&sim.read_lock);
	spin_lock_irqsave(&sim.lock, flags);
	sim.used = 0;
	sim.overflowed = false;
	sim.count = (struct counters) {};
	spin_unlock_irqrestore(&sim.lock, flags);
	mutex_unlock(&sim.read_lock);
	return count;
}

static const struct file_operations capture_fops = {
	.owner = THIS_MODULE,
	.read = capture_read,
	.write = capture_write,
	.llseek = default_llseek,
};

static int stats_show(struct seq_file *out, void *unused)
{
	unsigned long flags;
	struct counters count;
	size_t used;
	bool dc, reset;

	spin_lock_irqsave(&sim.lock, flags);
	count = sim.count;
	used = sim.used;
	dc = sim.dc;
	reset = sim.reset;
	spin_unlock_irqrestore(&sim.lock, flags);
	seq_printf(out, "transfers %llu\ntransfer_bytes %llu\nreset_edges %llu\n",
		   count.transfers, count.transfer_bytes, count.reset_edges);
	seq_printf(out, "dropped_records %llu\ndropped_bytes %llu\nused %zu\ncapacity %zu\n",
		   count.dropped_records, count.dropped_bytes, used, sim.capacity);
	seq_printf(out, "last_speed_hz %u\nmax_speed_hz %u\ndc %d\nreset %d\nbus %d\n",
		   count.last_speed_hz, MAX_SPEED_HZ, dc, reset, bus);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(stats);

/* ------------------------------------------------------------------ module */

static int __init panel_sim_init(void)
{
	int ret;

	spin_lock_init(&sim.lock);
	mutex_init(&sim.read_lock);
	sim.dc = true;
	sim.reset = true;
	sim.capacity = (size_t)capture_kib * 1024;
	sim.buffer = vmalloc(sim.capacity);
	if (!sim.buffer)
		return -ENOMEM;

	ret = platform_driver_register(&panel_sim_driver);
	if (ret)
		goto free_buffer;
	sim.pdev = platform_device_register_simple(DRIVER_NAME, PLATFORM_DEVID_NONE, NULL, 0);
	if (IS_ERR(sim.pdev)) {
		ret = PTR_ERR(sim.pdev);
		goto unregister_driver;
	}
	/* The probe ran synchronously; a device left without its driver means it failed (logged). */
	if (!sim.probed) {
		ret = -ENODEV;
		goto unregister_device;
	}

	sim.debugfs = debugfs_create_dir(DRIVER_NAME, NULL);
	debugfs_create_file("capture", 0600, sim.debugfs, NULL, &capture_fops);
	debugfs_create_file("stats", 0444, sim.debugfs, NULL, &stats_fops);
	return 0;

unregister_device:
	platform_device_unregister(sim.pdev);
unregister_driver:
	platform_driver_unregister(&panel_sim_driver);
free_buffer:
	vfree(sim.buffer);
	return ret;
}

static void __exit panel_sim_exit(void)
{
	debugfs_remove_recursive(sim.debugfs);
	platform_device_unregister(sim.pdev);
	platform_driver_unregister(&panel_sim_driver);
	vfree(sim.buffer);
}

module_init(panel_sim_init);
module_exit(panel_sim_exit);
MODULE_DESCRIPTION("StageBox rig: simulated ILI9341 wiring (SPI controller + D/C and RESET GPIO) with a capture");
MODULE_LICENSE("GPL");
