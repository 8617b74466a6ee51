#pragma once

#include "grants/Flow.h"

namespace ecalab::app {

// Human output of `ecalab run` (without --json). Tokens are masked: this text lands in terminals,
// CI logs and scrollback; the value itself is printed only with --json, which the user asks for.
QString stageLine(const Flow::Stage &stage);
QString successReport(const Flow &flow);
QString failureReport(const FlowError &error);

} // namespace ecalab::app
