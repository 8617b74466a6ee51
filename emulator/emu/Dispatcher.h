#pragma once

#include "Context.h"
#include "Endpoint.h"
#include "HostServer.h"

#include <QObject>

#include <memory>
#include <vector>

namespace ecalab::emu {

class AdminApi;

// Routes a request of any host to its endpoint: strips the site's path prefix, applies an
// injected fault first (delays run on an event-loop timer), and answers 404 for unknown paths.
// Paths are normalised first (normalisedPath).
class Dispatcher : public QObject
{
    Q_OBJECT
public:
    explicit Dispatcher(EmulatorContext &context, QObject *parent = nullptr);
    ~Dispatcher() override;

    void dispatch(const HttpRequest &request, const HostServer::ReplyFunction &reply);
    HttpReply route(const HttpRequest &request); // no faults; used by tests and after delays
    AdminApi &admin() { return *m_admin; }
    // Runs of slashes read as one, as Salesforce's servers do: a client whose instance URL ends in
    // '/' asks for //services/data.
    static QString normalisedPath(const QString &path);

private:
    bool placeOnSite(HttpRequest &request) const; // false when the path is outside the site prefix

    EmulatorContext &m_context;
    std::unique_ptr<AdminApi> m_admin;
    std::vector<std::unique_ptr<Endpoint>> m_endpoints;
};

} // namespace ecalab::emu
