#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

namespace ecalab::emu {

class SObjects;

// An honest subset of SOQL, enough for what clients ask right after a login (§11):
//
//   query     := SELECT field {',' field} FROM object [WHERE condition {AND condition}] [LIMIT integer]
//   condition := field ('=' | '!=') literal
//   literal   := 'string' | integer | TRUE | FALSE | NULL
//
// Keywords and names are case-insensitive; string comparison is too, as in SOQL. Anything else
// (OR, ORDER BY, functions, relationships…) is refused the way Salesforce refuses a malformed
// query, with the row and column of the first token it cannot take.
struct SoqlPosition
{
    int row = 1;
    int column = 1;
};

struct SoqlName
{
    QString text;
    SoqlPosition at;
};

struct SoqlCondition
{
    SoqlName field;
    bool equals = true; // '=' or '!='
    QJsonValue value;
};

struct SoqlQuery
{
    QList<SoqlName> fields;
    SoqlName object;
    QList<SoqlCondition> conditions; // all must hold
    std::optional<int> limit;
};

// A refusal as the REST API writes it: [{"message", "errorCode"}] with HTTP 400.
struct SoqlError
{
    QString errorCode; // MALFORMED_QUERY | INVALID_TYPE | INVALID_FIELD
    QString message;
};

class Soql
{
public:
    struct Parsed
    {
        std::optional<SoqlQuery> query;
        SoqlError error; // when !query
    };
    static Parsed parse(const QString &text);

    // Runs a parsed query over the org's records: the JSON body {"totalSize","done","records"}
    // (or, for `columns=true`, the columns' metadata), or the error.
    enum class Answer { Records, Columns };
    struct Result
    {
        std::optional<QByteArray> body;
        SoqlError error;
    };
    static Result run(const QString &text, const SoqlQuery &query, const SObjects &objects, const QString &apiVersion,
                      Answer answer = Answer::Records);

    // Salesforce's shape: the query's row, a caret under the column, "ERROR at Row:R:Column:C", why.
    static QString errorMessage(const QString &text, SoqlPosition at, const QString &why);
};

} // namespace ecalab::emu
