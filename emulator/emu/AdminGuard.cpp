#include "AdminGuard.h"

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

namespace {
// A Host or Origin without a port means the scheme's default (RFC 9110 §4.2.1, §7.2).
constexpr quint16 kDefaultHttpPort = 80;
constexpr char kOwnScheme[] = "http://"; // the emulator speaks plain HTTP only
// How much of a refused header the error repeats: enough to see the mistake, not a whole body.
constexpr qsizetype kEchoedHeaderLength = 100;

std::optional<quint16> parsePort(const QByteArray &digits)
{
    if (digits.isEmpty() || digits.size() > 5)
        return std::nullopt;
    for (const char c : digits) {
        if (c < '0' || c > '9')
            return std::nullopt; // toUShort would also take "+80" or " 80"
    }
    const int port = digits.toInt();
    if (port < 1 || port > 65535)
        return std::nullopt;
    return quint16(port);
}

bool isLoopbackHostName(const QByteArray &host)
{
    for (const char *name : {"127.0.0.1", "localhost", "[::1]"}) {
        if (host.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QList<QByteArray> headerValues(const HttpRequest &request, QByteArrayView name)
{
    QList<QByteArray> values;
    for (const auto &h : request.headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            values.append(h.second.trimmed());
    }
    return values;
}

QString echoed(const QByteArray &value)
{
    return value.isEmpty() ? u"none"_s : u"\"%1\""_s.arg(QString::fromLatin1(value.left(kEchoedHeaderLength)));
}

bool isWrite(const QByteArray &method)
{
    // Everything but a read: POST, PUT, PATCH, DELETE, and any method the routes would refuse.
    return method != "GET" && method != "HEAD";
}
} // namespace

bool AdminGuard::isLoopbackAuthority(const QByteArray &authority, quint16 port)
{
    const qsizetype bracket = authority.lastIndexOf(']');
    const qsizetype colon = authority.lastIndexOf(':');
    const bool hasPort = colon > bracket; // the colons inside "[::1]" are not the port's
    const std::optional<quint16> given = hasPort ? parsePort(authority.mid(colon + 1)) : kDefaultHttpPort;
    return given && *given == port && isLoopbackHostName(hasPort ? authority.left(colon) : authority);
}

bool AdminGuard::isOwnOrigin(const QByteArray &origin, quint16 port)
{
    const qsizetype schemeLength = qsizetype(sizeof(kOwnScheme)) - 1;
    if (origin.left(schemeLength).toLower() != kOwnScheme)
        return false;
    const QByteArray authority = origin.mid(schemeLength);
    return !authority.contains('/') && isLoopbackAuthority(authority, port);
}

std::optional<AdminGuard::Refusal> AdminGuard::check(const HttpRequest &request)
{
    if (auto refusal = checkHost(request))
        return refusal;
    if (auto refusal = checkOrigin(request))
        return refusal;
    return checkMediaType(request);
}

std::optional<AdminGuard::Refusal> AdminGuard::checkHost(const HttpRequest &request)
{
    const QList<QByteArray> hosts = headerValues(request, "host");
    // Two Host headers are refused too: which one a proxy or Qt would believe is not ours to guess.
    if (hosts.size() == 1 && isLoopbackAuthority(hosts.first(), request.localPort))
        return std::nullopt;
    return Refusal{kForeignHostStatus,
                   u"the admin API answers only requests for its own loopback host: Host must be "
                   "127.0.0.1:%1, localhost:%1 or [::1]:%1 (got %2)"_s.arg(request.localPort)
                       .arg(hosts.size() > 1 ? u"%1 Host headers"_s.arg(hosts.size()) : echoed(hosts.value(0)))};
}

std::optional<AdminGuard::Refusal> AdminGuard::checkOrigin(const HttpRequest &request)
{
    for (const QByteArray &origin : headerValues(request, "origin")) {
        if (!isOwnOrigin(origin, request.localPort))
            return Refusal{
                kForeignOriginStatus,
                u"the admin API does not answer web pages of other origins: Origin must be absent or "
                "http://127.0.0.1:%1, http://localhost:%1 or http://[::1]:%1 (got %2)"_s.arg(request.localPort)
                    .arg(echoed(origin))};
    }
    return std::nullopt;
}

std::optional<AdminGuard::Refusal> AdminGuard::checkMediaType(const HttpRequest &request)
{
    if (!isWrite(request.method) || request.mediaType() == kRequiredMediaType)
        return std::nullopt;
    return Refusal{kNotJsonStatus,
                   u"the admin API takes %1 only with Content-Type: %2 (parameters such as \"; charset=utf-8\" "
                   "allowed; got %3)"_s.arg(QString::fromLatin1(request.method),
                                            QString::fromLatin1(kRequiredMediaType),
                                            echoed(request.header("content-type").trimmed()))};
}

} // namespace ecalab::emu
