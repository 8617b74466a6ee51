#pragma once

class QWidget;

namespace ecalab::ui {

// The first-frame benchmark's switch (tests/bench/run.sh): with ECALAB_EXIT_AFTER_FIRST_FRAME=1
// in the environment, once the first paint of `window` has been delivered, prints to stderr
// "first frame: N ms since exec" and exits 0 (at once, no teardown) from the next event-loop turn. Without it, does
// nothing. N comes from the kernel's process start time (/proc/self/stat on Linux), so it covers
// the dynamic loader too; the benchmark's primary figure is still its own wall time, exec to exit.
void exitAfterFirstFrameIfAsked(QWidget *window);

} // namespace ecalab::ui
