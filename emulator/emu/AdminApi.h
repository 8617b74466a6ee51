#pragma once

#include "Context.h"
#include "Endpoint.h"

#include <QJsonObject>

namespace ecalab::emu {

// The admin API under /__emulator/ on My Domain (routes and fault kinds: emulator/README.md).
// Loopback callers only — anything else gets 403 — and only as AdminGuard lets them (a loopback
// Host, no foreign Origin, writes as application/json). JSON in and out.
class AdminApi : public Endpoint
{
public:
    static constexpr char16_t kPrefix[] = u"/__emulator";
    static constexpr std::size_t kMaxTokensPerPage = 1000;
    // How far /clock may put the emulator's clock from the real time, either way. Ten years is
    // past every lifetime a test needs to cross (sessions of at most a day, codes of minutes,
    // refresh-token policies in hours, days or months) and keeps every reading far inside qint64
    // milliseconds and the years QDateTime writes; without a bound 1e308 seconds wrapped the clock.
    static constexpr qint64 kMaxClockShiftSeconds = 10LL * 365 * 24 * 60 * 60; // 315,360,000

    explicit AdminApi(EmulatorContext &context) : m_context(context) {}
    bool handles(const HttpRequest &request) const override;
    HttpReply handle(const HttpRequest &request) override;

    QJsonObject state() const;
    QJsonObject clock() const;

private:
    HttpReply route(const HttpRequest &request, const QStringList &parts, const QJsonObject &body);
    HttpReply users(const QByteArray &method, const QStringList &parts, const QJsonObject &body);
    HttpReply apps(const QByteArray &method, const QStringList &parts, const QJsonObject &body);
    HttpReply faults(const QByteArray &method, const QJsonObject &body);
    HttpReply moveClock(const QJsonObject &body);
    HttpReply tokens(const HttpRequest &request) const;
    HttpReply browserState(const HttpRequest &request, const QString &head); // approvals, codes, logins

    EmulatorContext &m_context;
};

} // namespace ecalab::emu
