#pragma once

#include "Context.h"
#include "Endpoint.h"

namespace ecalab::emu {

// A small REST API on My Domain and the site (§7.2, §10.1, §11): the public version list
// /services/data/, and, for a live session with the `api` (or `full`) scope, the resource
// directory /services/data/vNN.0/, …/limits, …/sobjects/User|Organization/<id> and
// …/query?q= for a subset of SOQL (Soql.h). Other paths below /services/data are NOT_FOUND.
class RestApi : public Endpoint
{
public:
    static constexpr int kOldestVersion = 31; // v21–30 were retired in Summer '25
    static constexpr int kLatestVersion = 67; // Summer '26
    static QString latestVersion() { return QString::number(kLatestVersion) + QStringLiteral(".0"); }
    static bool isKnownVersion(QStringView version); // "62.0"
    static QString releaseLabel(int version);        // 62 → "Winter '25"

    explicit RestApi(EmulatorContext &context) : m_context(context) {}
    bool handles(const HttpRequest &request) const override;
    HttpReply handle(const HttpRequest &request) override;

    static HttpReply apiError(int status, const QString &errorCode, const QString &message);
    static HttpReply notFound(); // [{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}]

private:
    HttpReply versions() const;
    HttpReply resources(const QString &version, const AccessToken &token) const;
    HttpReply limits() const;
    HttpReply resource(const HttpRequest &request, const QString &version, const QStringList &path,
                       const AccessToken &token) const;
    HttpReply query(const QString &soql, const QString &version, bool columnsOnly) const;
    HttpReply record(const QString &version, const QString &type, const QString &id, const QString &fieldList) const;
    const AccessToken *session(const HttpRequest &request, HttpReply *refusal) const;

    EmulatorContext &m_context;
};

} // namespace ecalab::emu
