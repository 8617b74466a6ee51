#pragma once

#include "Context.h"

#include <QJsonObject>

namespace ecalab::emu {

// The admin routes of the headless flows (emulator/README.md):
//   GET /__emulator/outbox[?to=ADDRESS][&purpose=P]   the OTP e-mails and SMS, newest last
//   DELETE /__emulator/outbox                         {"cleared": N}
//   GET, PATCH (or POST) /__emulator/site             the site's Login & Registration settings
class HeadlessAdmin
{
public:
    explicit HeadlessAdmin(EmulatorContext &context) : m_context(context) {}
    static bool routes(const QString &head) { return head == u"outbox" || head == u"site"; }
    // parts: the path below /__emulator, starting with "outbox" or "site".
    HttpReply route(const HttpRequest &request, const QStringList &parts, const QJsonObject &body);

    QJsonObject outbox(const QString &to = {}, const QString &purpose = {}) const; // {"messages": […]}

private:
    EmulatorContext &m_context;
};

} // namespace ecalab::emu
