# Sourced by the QEMU tests of the image: the kernel, initrd and command line the image boots
# with, from its boot partition, for QEMU's direct kernel boot as the boot test does it.
# image_kernel IMG DIR [ARCH]: sets KERNEL (the file for -kernel) and BOX_OPTIONS (the box's
# kernel command line without its console=), and writes DIR/initrd.img.
#   amd64: systemd-boot's entry; the kernel uncompressed to DIR/vmlinux for a PVH boot (seconds
#          of XZ decompression under TCG saved)
#   arm64: the Pi's cmdline.txt; the kernel as it is (gzip'd Image: QEMU unpacks it itself)
image_kernel(){
  local img=$1 dir=$2 arch=${3:-amd64} boot
  . "$img.layout"
  boot="$img@@$((boot_start * 512))"
  export MTOOLS_SKIP_CHECK=1
  if [ "$arch" = arm64 ]; then
    mcopy -n -i "$boot" ::/vmlinuz "$dir/vmlinuz" && mcopy -n -i "$boot" ::/initrd.img "$dir/initrd.img"
    BOX_OPTIONS=$(mtype -i "$boot" ::/cmdline.txt | sed 's/console=[^ ]*//g')
    KERNEL=$dir/vmlinuz
    return
  fi
  mcopy -n -i "$boot" ::/stagebox/vmlinuz "$dir/vmlinuz" && mcopy -n -i "$boot" ::/stagebox/initrd.img "$dir/initrd.img"
  BOX_OPTIONS=$(mtype -i "$boot" ::/loader/entries/stagebox.conf | sed -n 's/^options //p' | sed 's/console=[^ ]*//g')
  python3 - "$dir/vmlinuz" "$dir/vmlinux" <<'PY'
import lzma, sys
data = open(sys.argv[1], 'rb').read(); start = data.find(b'\xfd7zXZ\x00')
open(sys.argv[2], 'wb').write(lzma.LZMADecompressor(format=lzma.FORMAT_XZ).decompress(data[start:]))
PY
  KERNEL=$dir/vmlinux
}
