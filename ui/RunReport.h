#pragma once

#include "grants/Flow.h"

#include <QString>

namespace ecalab::ui {

// What the window says about a finished run, as HTML: the error banner (Salesforce's words, what
// they mean, the fix), and the longer Explanation tab for a failure or a success.
QString errorHeadline(const FlowError &error);
QString errorBannerHtml(const FlowError &error);
QString errorExplanationHtml(const Flow &flow, const FlowError &error);
QString successSummaryHtml(const Flow &flow, const TokenSet &tokens, int exchangeCount);

} // namespace ecalab::ui
