#pragma once

#include "TestHttp.h"

#include <QJsonObject>
#include <QUrl>

namespace ecalab::test {

// The one client of the emulator's admin API (`/__emulator/…`, emulator/README.md) for every
// suite, over real HTTP: at an in-process emulator's adminUrl(), or at the "admin" URL that
// `ecalab emulator --json` prints. Writes (every method but GET and HEAD) carry
// Content-Type: application/json, without which the API refuses them (415), and `body` as
// compact JSON (nothing when it is empty, which the API reads as {}).
class EmulatorAdmin
{
public:
    explicit EmulatorAdmin(const QUrl &adminUrl = {}) : m_url(adminUrl) {}
    EmulatorAdmin(const EmulatorAdmin &) = delete;
    EmulatorAdmin &operator=(const EmulatorAdmin &) = delete;

    void setUrl(const QUrl &adminUrl) { m_url = adminUrl; }
    QUrl url() const { return m_url; }

    // `pathAndQuery` follows the admin URL: "" (the state), "/apps/X", "/tokens?limit=2".
    Answer call(const QByteArray &method, const QString &pathAndQuery, const QJsonObject &body = {});
    Answer get(const QString &pathAndQuery) { return call("GET", pathAndQuery); }

    // The changes tests make most, by name.
    Answer changeApp(const QString &clientIdOrName, const QJsonObject &settings); // PATCH /apps/…
    Answer changeUser(const QString &username, const QJsonObject &settings);     // PATCH /users/…
    Answer changeOrg(const QJsonObject &settings);                                // PATCH /org
    Answer injectFault(const QJsonObject &fault);                                 // POST /faults
    Answer advanceClock(double seconds);                                          // POST /clock
    Answer reset();                                                               // POST /reset
    Answer approveDevice(const QString &userCode, const QString &username);      // POST /device/approve
    Answer denyDevice(const QString &userCode);                                   // POST /device/deny
    Answer changeDeviceSettings(const QJsonObject &changes);                      // PATCH /device/settings
    Answer changeSite(const QJsonObject &settings);                               // PATCH /site
    // The headless flows' OTP messages (GET /outbox[?to=…&purpose=…]): its "messages", newest last.
    QJsonArray outbox(const QString &to = {}, const QString &purpose = {});
    QString lastOtpSentTo(const QString &address); // the newest message's "otp"; empty when none
    Answer clearOutbox();                           // DELETE /outbox

private:
    QUrl m_url;
    Http m_http;
};

} // namespace ecalab::test
