#pragma once

#include "browser/BrowserLauncher.h"

namespace ecalab::app {

// The user's default browser through QDesktopServices (RFC 8252 §4.1: the system browser, never
// an embedded one). Needs a QGuiApplication; under a plain QCoreApplication (`ecalab run`), and on
// Linux whenever xdg-open is there, it uses the platform's opener command instead, watched, so a
// launch that fails is reported (CommandBrowserLauncher).
class DesktopBrowserLauncher final : public BrowserLauncher
{
public:
    DesktopBrowserLauncher();
    Result open(const QUrl &url) override;

private:
    CommandBrowserLauncher m_opener; // the platform's opener, watched
};

} // namespace ecalab::app
