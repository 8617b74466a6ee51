#pragma once

#include "HttpTypes.h"

#include <optional>

namespace ecalab::emu {

// Who may call the admin API, checked before any route runs. The API changes the org and hands
// out secrets and live tokens, and it listens on loopback, which any web page in the user's
// browser can reach: the rules keep such a page from writing blindly (a text/plain or form POST
// goes cross-origin without a CORS preflight), from reading through DNS rebinding (its requests
// carry the attacker's Host) and from calling it from another origin. Clients that are not
// browsers (curl, the tests, the app) send a loopback Host and no Origin, so they pass.
class AdminGuard
{
public:
    struct Refusal
    {
        int status;
        QString message;
    };

    // 421 Misdirected Request (RFC 9110 §15.5.20): the Host names an authority this listener does
    // not serve, which is exactly what a rebound name is; 403 is kept for an Origin, a caller
    // refused for who it is.
    static constexpr int kForeignHostStatus = 421;
    static constexpr int kForeignOriginStatus = 403;
    static constexpr int kNotJsonStatus = 415;
    static constexpr char kRequiredMediaType[] = "application/json";

    // nullopt when the request may go on to the routes.
    static std::optional<Refusal> check(const HttpRequest &request);

    // `authority` is "host[:port]" with host 127.0.0.1, localhost or [::1] (any case) and the port,
    // 80 when absent, equal to `port`.
    static bool isLoopbackAuthority(const QByteArray &authority, quint16 port);
    // "http://" + a loopback authority on `port`: the emulator's own origin, however it is spelled.
    static bool isOwnOrigin(const QByteArray &origin, quint16 port);

private:
    static std::optional<Refusal> checkHost(const HttpRequest &request);
    static std::optional<Refusal> checkOrigin(const HttpRequest &request);
    static std::optional<Refusal> checkMediaType(const HttpRequest &request);
};

} // namespace ecalab::emu
