#!/bin/sh
# The main job on the bundled sample pair of hosts: the source host emits the
# token for its vGPU, the destination host judges its candidates for it.
# Usage: demo.sh MIG_CHECK EXAMPLES_DIR
set -eu
mig_check=$1
dir=$2
uuid=83b8f4f2-509f-382f-3c1e-e6bfe0fa1001

echo "source host ($dir/source-host.umockdev):"
echo "  \$ mig-check --emit $uuid"
token=$(umockdev-run -d "$dir/source-host.umockdev" -- "$mig_check" --emit "$uuid")
echo "$token"
echo
echo "destination host ($dir/destination-host.umockdev):"
echo "  \$ mig-check --accept \"\$TOKEN\""
status=0
umockdev-run -d "$dir/destination-host.umockdev" -- "$mig_check" --accept "$token" || status=$?
echo
echo "exit status $status"
exit "$status"
