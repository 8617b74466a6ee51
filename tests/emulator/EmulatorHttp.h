#pragma once

// Test helpers: talk to a running emulator over real HTTP, as any client would. The HTTP client,
// the admin API client and the signature checks are the test support library's (tests/support).
#include "EmulatorAdmin.h"
#include "SignatureChecks.h"
#include "TestHttp.h"

#include "Emulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

namespace ecalab::emu::test {

using ::ecalab::test::Answer;
using ::ecalab::test::EmulatorAdmin;
using ::ecalab::test::expectedSignature;
using ::ecalab::test::fromBase64Url;
using ::ecalab::test::Headers;
using ::ecalab::test::Http;
using ::ecalab::test::jwtClaims;
using ::ecalab::test::jwtHeader;
using ::ecalab::test::verifyJwt;
using ::ecalab::test::verifyRs256;

// A raw HTTP/1.1 exchange over a socket, for requests QNetworkAccessManager will not send.
// The request should carry "Connection: close"; the answer is everything until the server closes.
// All waiting spins the event loop: the emulator answers from this same thread.
inline QByteArray rawExchange(quint16 port, const QByteArray &request, int timeoutMs = 10'000)
{
    QTcpSocket socket;
    QByteArray answer;
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&] { answer += socket.readAll(); });
    QSignalSpy connected(&socket, &QTcpSocket::connected);
    QSignalSpy disconnected(&socket, &QTcpSocket::disconnected);
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!connected.wait(timeoutMs))
        return {};
    socket.write(request);
    if (socket.state() != QAbstractSocket::UnconnectedState)
        disconnected.wait(timeoutMs);
    return answer + socket.readAll();
}

// Starts `emulator` on port 0 and points `admin` at its admin API; false when it did not start.
inline bool startWithAdmin(Emulator &emulator, EmulatorAdmin &admin)
{
    if (!emulator.start())
        return false;
    admin.setUrl(emulator.adminUrl());
    return true;
}

inline QUrl join(const QUrl &base, const QString &path)
{
    return QUrl(base.toString() + path);
}

// §7.2: what REST answers a session that is over.
inline const QByteArray kSessionExpired =
    "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]";

// The names of a JSON object's own members in document order (QJsonObject sorts them).
inline QStringList topLevelKeys(const QByteArray &json)
{
    QStringList keys;
    int depth = 0;
    bool expectKey = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json.at(i);
        if (c == '"') {
            const qsizetype end = json.indexOf('"', i + 1); // the emulator's names and values hold no \"
            if (depth == 1 && expectKey)
                keys << QString::fromUtf8(json.mid(i + 1, end - i - 1));
            expectKey = false;
            i = end;
        } else if (c == '{' || c == '[') {
            expectKey = ++depth == 1;
        } else if (c == '}' || c == ']') {
            --depth;
        } else if (c == ',') {
            expectKey = depth == 1;
        }
    }
    return keys;
}

} // namespace ecalab::emu::test
