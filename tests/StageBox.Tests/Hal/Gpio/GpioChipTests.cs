using StageBox.Hal.Gpio;

namespace StageBox.Tests.Hal.Gpio;

public sealed class GpioChipTests
{
    [Fact]
    public void A_chip_that_does_not_exist_is_named_with_the_kernels_reason()
    {
        var error = Assert.Throws<GpioException>(() => GpioChip.Open("/dev/gpiochip-missing"));

        Assert.Equal("GPIO chip '/dev/gpiochip-missing': open failed: No such file or directory (errno 2)", error.Message);
    }

    [Fact]
    public void A_device_that_is_not_a_gpio_chip_fails_on_its_chip_info()
    {
        var error = Assert.Throws<GpioException>(() => GpioChip.Open("/dev/null"));

        Assert.StartsWith("GPIO chip '/dev/null': reading chip info failed: ", error.Message);
    }

    [Fact]
    public void A_label_no_chip_has_says_which_chips_there_are()
    {
        var error = Assert.Throws<GpioException>(() => GpioChip.OpenByLabel("no-such-label"));

        Assert.StartsWith("no GPIO chip labelled 'no-such-label' (", error.Message);
    }
}
