#!/bin/sh
# Builds the lab's Linux guest (org.coloconsole.app.lab.LabGuest): Debian's kernel and busybox-static, fetched by
# name with apt-get download and unpacked with dpkg -x (never installed), and an initramfs holding busybox, the
# disk and NIC modules, the guest's init and its status CGI.
# Usage: build-guest.sh OUT_DIR INIT STATUS_CGI   (OUT_DIR must not exist; it appears whole or not at all)
set -eu
out=$1
init=$2
cgi=$3
work=$(mktemp -d "${out}.work.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

kernel_package=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')
if [ -z "$kernel_package" ]; then
    echo "apt-cache does not know linux-image-amd64: run apt-get update (the lab's guest is built from Debian's packages)" >&2
    exit 1
fi
# as root apt-get warns that its sandbox user cannot write here; the download itself works
apt-get download "$kernel_package" busybox-static 2>&1 | grep -v "^W: Download is performed unsandboxed" >&2 || true
ls ./linux-image-*.deb ./busybox-static_*.deb >/dev/null
dpkg -x ./linux-image-*.deb kernel
dpkg -x ./busybox-static_*.deb busybox
version=$(ls kernel/lib/modules)

mkdir -p root/bin root/lib/modules root/www/cgi-bin root/proc root/sys root/dev root/run root/tmp
cp busybox/bin/busybox root/bin/busybox
# the disk (ata_piix, sd_mod) and NIC (e1000) drivers with what they depend on, in the order init loads them
for module in scsi_common scsi_mod libata ata_piix crct10dif_common crct10dif_generic crc-t10dif crc64 \
        crc64_rocksoft_generic crc64-rocksoft t10-pi sd_mod e1000; do
    found=$(find "kernel/lib/modules/$version" -name "$module.ko" | head -n 1)
    if [ -z "$found" ]; then
        echo "the kernel package $kernel_package has no module $module.ko" >&2
        exit 1
    fi
    cp "$found" root/lib/modules/
done
cp "$init" root/init
cp "$cgi" root/www/cgi-bin/status
chmod 0755 root/init root/www/cgi-bin/status
(cd root && find . | ../busybox/bin/busybox cpio -o -H newc 2>/dev/null) | gzip -9 > initramfs.gz

rm -rf "$out.new"
mkdir "$out.new"
cp "kernel/boot/vmlinuz-$version" "$out.new/vmlinuz"
mv initramfs.gz "$out.new/initramfs.gz"
echo "$kernel_package" > "$out.new/kernel-package"
mv "$out.new" "$out"
