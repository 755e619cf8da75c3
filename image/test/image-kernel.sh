# Sourced by the QEMU tests of the image: the kernel, initrd and command line the image boots
# with, from its boot partition, for QEMU's direct (PVH) boot as the boot test does it.
# image_kernel IMG DIR: writes DIR/vmlinux (uncompressed: seconds of XZ under TCG saved) and
# DIR/initrd.img, and sets BOX_OPTIONS (the boot entry's options without its console=).
image_kernel(){
  local img=$1 dir=$2 boot
  . "$img.layout"
  boot="$img@@$((boot_start * 512))"
  MTOOLS_SKIP_CHECK=1 mcopy -n -i "$boot" ::/stagebox/vmlinuz "$dir/vmlinuz" && MTOOLS_SKIP_CHECK=1 mcopy -n -i "$boot" ::/stagebox/initrd.img "$dir/initrd.img"
  BOX_OPTIONS=$(MTOOLS_SKIP_CHECK=1 mtype -i "$boot" ::/loader/entries/stagebox.conf | sed -n 's/^options //p' | sed 's/console=[^ ]*//g')
  python3 - "$dir/vmlinuz" "$dir/vmlinux" <<'PY'
import lzma, sys
data = open(sys.argv[1], 'rb').read(); start = data.find(b'\xfd7zXZ\x00')
open(sys.argv[2], 'wb').write(lzma.LZMADecompressor(format=lzma.FORMAT_XZ).decompress(data[start:]))
PY
}
