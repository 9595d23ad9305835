# SPDX-License-Identifier: GPL-2.0-or-later
# fish completion for mig-check(1).

# DEVICE: PCI addresses and mdev UUIDs present on this host.
function __mig_check_devices
    for d in /sys/bus/pci/devices/*
        printf '%s\tPCI address\n' (string replace -r '.*/' '' -- $d)
    end
    for d in /sys/bus/mdev/devices/*
        printf '%s\tmdev UUID\n' (string replace -r '.*/' '' -- $d)
    end
end

function __mig_check_slots
    for d in /sys/bus/pci/devices/*
        printf '%s\tPCI address\n' (string replace -r '.*/' '' -- $d)
    end
end

# vendor:device IDs of the PCI functions present on this host.
function __mig_check_ids
    for d in /sys/bus/pci/devices/*
        set -l v (cat $d/vendor 2>/dev/null); or continue
        set -l i (cat $d/device 2>/dev/null); or continue
        string replace -a 0x '' -- "$v:$i"
    end | sort -u
end

# libvirt domain names, from virsh when it is installed.
function __mig_check_domains
    command -sq virsh; or return
    virsh -q list --all --name 2>/dev/null | string match -v ''
end

function __mig_check_mode_is
    switch $argv[1]
        case emit
            __fish_seen_argument -s e -l emit
        case accept
            __fish_seen_argument -s a -l accept
        case decode
            __fish_seen_argument -l decode
        case list
            __fish_seen_argument -s l -l list
    end
end

function __mig_check_no_mode
    not __fish_seen_argument -s e -l emit -s a -l accept -l decode -s l -l list -l libvirt-hook
end

# -o LIST: the columns of the mode given (all before a mode is given), each
# appended to what the comma-separated list already holds; +LIST adds to
# the default columns.
function __mig_check_columns
    set -l accept \
        'DEVICE	PCI address or mdev UUID of the candidate' \
        'TYPE	mdev type of an mdev or a creatable type (empty for a VF)' \
        'KIND	mdev, parent (a creatable mdev type), vf' \
        'MODULE	vendor module that judged it' \
        'VERDICT	identical, compatible, actionable, incompatible, unsupported, unknown' \
        'ACTION	command to run before migrating' \
        'REASON	first reason (all with --verbose)' \
        'PARENT	parent PCI device of an mdev, PF of a VF' \
        'RECORD	token record judged, from 1' \
        'KCHECK	kernel migration_version check' \
        'PLACED	record placed on this candidate'
    set -l list \
        'DEVICE	PCI address or mdev UUID' \
        'KIND	mdev, parent, vf, pf' \
        'ID	PCI vendor:device of the function (of the parent for mdevs)' \
        'NAME	device name from pci.ids' \
        'DRIVER	bound driver' \
        'PARENT	parent PCI device of an mdev, PF of a VF' \
        'TYPE	mdev type' \
        'AVAILABLE	free instances of an mdev type' \
        'MODULE	vendor module that claims it' \
        'MIGRATABLE	yes, no, or unknown' \
        'WHY	why it cannot migrate'
    set -l decode \
        'RECORD	record number, from 1' \
        'MODULE	vendor module of the record' \
        'KEY	field name' \
        'VALUE	decoded field value'
    set -l cols
    if __mig_check_mode_is accept
        set cols $accept
    else if __mig_check_mode_is list
        set cols $list
    else if __mig_check_mode_is decode
        set cols $decode
    else if __mig_check_mode_is emit
        return
    else
        set cols $accept $list $decode
    end

    # What the current word already holds: "+", "DEVICE,KIND," ...
    set -l cur (commandline -ct | string replace -r '^(-o|--output=)' '')
    set -l prefix (string match -r '^\+?(?:[^,]*,)*' -- $cur)
    set -l given (string split , -- (string trim -l -c + -- $prefix))
    set -l seen
    for c in $cols
        set -l name (string split -m1 \t -- $c)[1]
        if contains -- $name $seen; or contains -- $name $given
            continue
        end
        set -a seen $name
        printf '%s%s\n' $prefix $c
    end
end

complete -c mig-check -f

# Modes: they exclude each other, so they are offered until one is given.
complete -c mig-check -n __mig_check_no_mode -s e -l emit -d 'Print the token for the device(s) a VM holds'
complete -c mig-check -n __mig_check_no_mode -s a -l accept -x -d 'Judge the local candidates for a token (- reads stdin)'
complete -c mig-check -n __mig_check_no_mode -l decode -x -d 'Print what a token says, touching no device'
complete -c mig-check -n __mig_check_no_mode -s l -l list -d 'List mdevs, mdev parents and SR-IOV functions'
complete -c mig-check -n __mig_check_no_mode -l libvirt-hook -d "Run as libvirt's qemu hook (domain XML on stdin)"

# libvirt
complete -c mig-check -l domain -x -a '(__mig_check_domains)' -d 'With --emit: the devices of a libvirt domain'
complete -c mig-check -l domain-xml -r -F -d 'With --accept: pin each record to the device the domain XML names'
complete -c mig-check -s C -l connect -x -d 'libvirt connection URI, as virsh -c'

# Options
complete -c mig-check -s s -l slot -x -a '(__mig_check_slots)' -d 'Restrict candidates, lspci -s syntax'
complete -c mig-check -s d -l device-id -x -a '(__mig_check_ids)' -d 'Restrict candidates, lspci -d syntax'
complete -c mig-check -l ready -d 'Count only candidates usable with no action'
complete -c mig-check -l no-kernel-check -d 'Never write to a kernel migration_version attribute'
complete -c mig-check -s c -l config -r -F -d 'Configuration file'
complete -c mig-check -s q -l quiet -d 'Print nothing on success or incompatibility'
complete -c mig-check -s v -l verbose -d 'Print every reason, also for compatible candidates'

# Output: -J, -P and -r exclude each other.
set -l __mig_check_no_format 'not __fish_seen_argument -s J -l json -s P -l pairs -s r -l raw'
complete -c mig-check -n $__mig_check_no_format -s J -l json -d 'JSON output'
complete -c mig-check -n $__mig_check_no_format -s P -l pairs -d 'KEY="value" output'
complete -c mig-check -n $__mig_check_no_format -s r -l raw -d 'Raw table output'
complete -c mig-check -s n -l noheadings -d 'Do not print a header line'
complete -c mig-check -s o -l output -x -a '(__mig_check_columns)' -d 'Columns to print (+LIST adds to the default)'
complete -c mig-check -s H -l list-columns -d 'List the available columns'

complete -c mig-check -s h -l help -d 'Display help'
complete -c mig-check -s V -l version -d 'Display version and built-in vendor modules'

# DEVICE arguments (--decode takes none)
complete -c mig-check -n 'not __mig_check_mode_is decode; and not __fish_seen_argument -l libvirt-hook -l domain -l domain-xml' -a '(__mig_check_devices)'
