#pragma once

#include <QtGlobal>

namespace ecalab::test {

// A TCP port on 127.0.0.1 that nothing listens on right now: the OS picks it (port 0), the probe
// closes again. For a callback the code under test binds at once, or a port that must refuse.
// 0 when no port could be had, so a caller's check (or the run using it) fails.
quint16 freeLoopbackPort();

} // namespace ecalab::test
