#pragma once

#include "Context.h"
#include "Endpoint.h"

#include <QJsonObject>

namespace ecalab::emu {

// The admin API under /__emulator/ on My Domain (routes and fault kinds: emulator/README.md).
// Loopback callers only — anything else gets 403 — JSON in and out.
class AdminApi : public Endpoint
{
public:
    static constexpr char16_t kPrefix[] = u"/__emulator";
    static constexpr std::size_t kMaxTokensPerPage = 1000;

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
