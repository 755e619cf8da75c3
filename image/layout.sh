# The image's fixed identities, sourced by build.sh, assemble.sh, customize.sh and boot-test.sh.
# Fixed so that two builds of the same commit give the same bytes, and so that fstab and the
# kernel command line name the file systems without probing. Every box flashed from one image
# shares them (as with any image); they name partitions on the box's own card, nothing more.
ROOT_UUID=5b0c7a3e-57a6-4e1b-9c6d-0000000000a2
DATA_UUID=5b0c7a3e-57a6-4e1b-9c6d-0000000000a3
ROOT_HASH_SEED=5b0c7a3e-57a6-4e1b-9c6d-0000000001a2
DATA_HASH_SEED=5b0c7a3e-57a6-4e1b-9c6d-0000000001a3
BOOT_VOLID=5B0C0A01          # FAT volume id of the boot partition (no UUID on FAT)
BOOT_LABEL=SBOXBOOT
DISK_GUID=5b0c7a3e-57a6-4e1b-9c6d-0000000000d0   # GPT (amd64)
DOS_DISK_ID=0x5b0c7a3e                            # MBR (arm64: the Pi's boot ROM reads MBR)
ROOT_LABEL=stagebox-root
DATA_LABEL=stagebox-data
DATA_MIB=${DATA_MIB:-512}    # the data partition as built; room for a show or two (grow it on a bigger card, README)
# The kernel command line of the box (the boot test adds its own hooks to it).
BOX_CMDLINE="root=UUID=$ROOT_UUID ro rootfstype=ext4 rootwait quiet loglevel=3 systemd.show_status=auto"
