#pragma once

#include "HttpTypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

// The admin API's answers (emulator/README.md "Admin API"): JSON, never cached; errors are
// {"error": "…"}. One place for every admin route (AdminApi, DeviceAdmin, HeadlessAdmin).
namespace ecalab::emu::admin {

inline HttpReply answer(int status, const QJsonValue &body)
{
    HttpReply reply = body.isArray() ? HttpReply::json(status, QJsonDocument(body.toArray()))
                                     : HttpReply::json(status, QJsonDocument(body.toObject()));
    reply.setHeader("Cache-Control", "no-store");
    return reply;
}

inline HttpReply failure(int status, const QString &message)
{
    return answer(status, QJsonObject{{QStringLiteral("error"), message}});
}

} // namespace ecalab::emu::admin
