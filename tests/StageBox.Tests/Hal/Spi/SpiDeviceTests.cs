using System.Runtime.InteropServices;
using StageBox.Hal.Spi;

namespace StageBox.Tests.Hal.Spi;

public sealed class SpiDeviceTests
{
    // The kernel's values, printed from linux/spi/spidev.h (6.1, x86-64) by a C program:
    // printf("%#x", SPI_IOC_WR_MODE), offsetof(struct spi_ioc_transfer, len), ...
    [Fact]
    public void The_request_numbers_are_the_kernels()
    {
        Assert.Equal((nuint)0x40016B01, SpiRequests.WriteMode);
        Assert.Equal((nuint)0x80016B01, SpiRequests.ReadMode);
        Assert.Equal((nuint)0x40016B03, SpiRequests.WriteBitsPerWord);
        Assert.Equal((nuint)0x80016B03, SpiRequests.ReadBitsPerWord);
        Assert.Equal((nuint)0x40046B04, SpiRequests.WriteMaxSpeedHz);
        Assert.Equal((nuint)0x80046B04, SpiRequests.ReadMaxSpeedHz);
        Assert.Equal((nuint)0x40206B00, SpiRequests.Message(1));
        Assert.Equal((nuint)0x40406B00, SpiRequests.Message(2));
    }

    [Fact]
    public void A_message_too_long_for_the_ioctl_size_field_has_no_number()
    {
        Assert.Equal((nuint)0x7FE06B00, SpiRequests.Message(511));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpiRequests.Message(512));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpiRequests.Message(0));
    }

    [Fact]
    public void The_transfer_struct_has_the_kernels_layout()
    {
        Assert.Equal(32, Marshal.SizeOf<SpiTransfer>());
        Assert.Equal(SpiTransfer.Size, Marshal.SizeOf<SpiTransfer>());
        (string Field, int At)[] kernel =
        [
            ("TxBuffer", 0), ("RxBuffer", 8), ("Length", 16), ("SpeedHz", 20), ("DelayMicroseconds", 24), ("BitsPerWord", 26),
            ("ChipSelectChange", 27), ("TxLines", 28), ("RxLines", 29), ("WordDelayMicroseconds", 30), ("Padding", 31),
        ];
        foreach ((string field, int at) in kernel)
            Assert.Equal((field, at), (field, (int)Marshal.OffsetOf<SpiTransfer>(field)));
    }

    [Fact]
    public void A_device_that_does_not_exist_is_named_with_the_kernels_reason()
    {
        var error = Assert.Throws<SpiException>(() => SpiDevice.Open("/dev/spidev-missing", SpiMode.Mode0, 8, 32_000_000));

        Assert.Equal("SPI device '/dev/spidev-missing': open failed: No such file or directory (errno 2)", error.Message);
    }

    [Fact]
    public void The_bus_and_chip_select_name_the_device()
    {
        var error = Assert.Throws<SpiException>(() => SpiDevice.Open(97, 3, SpiMode.Mode0, 8, 32_000_000));

        Assert.StartsWith("SPI device '/dev/spidev97.3': open failed: ", error.Message);
    }

    [Fact]
    public void A_device_that_is_not_spidev_fails_on_its_mode()
    {
        var error = Assert.Throws<SpiException>(() => SpiDevice.Open("/dev/null", SpiMode.Mode0, 8, 32_000_000));

        Assert.Equal("SPI device '/dev/null': setting mode 0 failed: Inappropriate ioctl for device (errno 25)", error.Message);
    }

    [Theory]
    [InlineData(4, 8, 0)]
    [InlineData(0, 0, 1_000_000)]
    [InlineData(0, 33, 1_000_000)]
    [InlineData(0, 8, 0)]
    public void Settings_no_device_takes_are_refused_before_opening(int mode, int bitsPerWord, int clockHz)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SpiDevice.Open("/dev/spidev-missing", (SpiMode)mode, bitsPerWord, clockHz));
    }
}
