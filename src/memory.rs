//! How the process asks the system for memory.

/// Keep large freed buffers in the process for the next frame instead of handing them back
/// to the system at once.
///
/// Every frame builds vertex buffers of several megabytes (egui copies the map mesh into its
/// own). glibc serves blocks that large with a fresh `mmap`, or trims them off the heap when
/// they are freed, so each frame paid page faults for memory it had just given back: more than
/// half of a full-HD frame of the 20 000-unit grid. With these thresholds the buffers are
/// reused from the heap. Peak memory does not grow: what is kept is what the last frame used.
/// The app and the benches call this first thing; other systems keep their defaults.
pub fn keep_frame_buffers() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // 32 MB is the largest mmap threshold glibc accepts on 64-bit systems.
        const MMAP_THRESHOLD: libc::c_int = 32 << 20;
        const TRIM_THRESHOLD: libc::c_int = 64 << 20;
        // SAFETY: mallopt only sets allocator parameters; it takes no pointers and glibc
        // serialises it with allocation. An unaccepted value leaves the default (returns 0).
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
            libc::mallopt(libc::M_TRIM_THRESHOLD, TRIM_THRESHOLD);
        }
    }
}
