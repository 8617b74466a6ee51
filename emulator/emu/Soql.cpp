#include "Soql.h"

#include "SObjects.h"
#include "SalesforceId.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

namespace {
// Salesforce's wordings (remembered from its API; the reference does not list them).
constexpr char16_t kUnexpectedToken[] = u"unexpected token: %1";
constexpr char16_t kBadCharacter[] = u"line %1:%2 no viable alternative at character '%3'";
constexpr char16_t kInvalidType[] =
    u"sObject type '%1' is not supported. If you are attempting to use a custom object, be sure to append the "
    u"'__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.";
constexpr char16_t kInvalidField[] =
    u"No such column '%1' on entity '%2'. If you are attempting to use a custom field, be sure to append the "
    u"'__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.";

const QStringList kReserved{u"SELECT"_s, u"FROM"_s,  u"WHERE"_s, u"AND"_s,    u"OR"_s,     u"NOT"_s,   u"LIMIT"_s,
                            u"ORDER"_s,  u"GROUP"_s, u"BY"_s,    u"HAVING"_s, u"OFFSET"_s, u"IN"_s,    u"LIKE"_s,
                            u"NULL"_s,   u"TRUE"_s,  u"FALSE"_s, u"WITH"_s,   u"FOR"_s,    u"USING"_s, u"TYPEOF"_s};

struct Token
{
    enum class Kind { Word, String, Number, Symbol, End, Bad } kind = Kind::End;
    QString text; // a string literal's value once unescaped; the symbol itself
    SoqlPosition at;

    bool isKeyword(QStringView keyword) const
    {
        return kind == Kind::Word && text.compare(keyword, Qt::CaseInsensitive) == 0;
    }
    bool isName() const { return kind == Kind::Word && !kReserved.contains(text.toUpper()); }
    QString shown() const { return kind == Kind::End ? u"<EOF>"_s : kind == Kind::String ? u"'%1'"_s.arg(text) : text; }
};

class Lexer
{
public:
    explicit Lexer(const QString &text) : m_text(text) {}

    QList<Token> tokens()
    {
        QList<Token> out;
        do
            out.append(next());
        while (out.last().kind != Token::Kind::End && out.last().kind != Token::Kind::Bad);
        return out;
    }

private:
    QChar peek(qsizetype ahead = 0) const { return m_i + ahead < m_text.size() ? m_text.at(m_i + ahead) : QChar(); }
    void advance()
    {
        if (peek() == u'\n') {
            ++m_row;
            m_column = 1;
        } else {
            ++m_column;
        }
        ++m_i;
    }
    Token next()
    {
        while (peek().isSpace())
            advance();
        Token token;
        token.at = {m_row, m_column};
        const QChar c = peek();
        if (c.isNull())
            return token;
        if (c.isLetter() || c == u'_')
            return word(token);
        if (c.isDigit())
            return number(token);
        if (c == u'\'')
            return string(token);
        if (c == u'!' && peek(1) == u'=') {
            advance();
            advance();
            return {Token::Kind::Symbol, u"!="_s, token.at};
        }
        if (QStringView(u",=()*<>.").contains(c)) {
            advance();
            return {Token::Kind::Symbol, QString(c), token.at};
        }
        return {Token::Kind::Bad, QString(c), token.at};
    }
    Token word(Token token)
    {
        token.kind = Token::Kind::Word;
        // No '.' in a name: a relationship path (Profile.Name) is outside the subset and refused as
        // malformed at its '.' (README "Records and SOQL"), not read as an unknown field.
        while (peek().isLetterOrNumber() || peek() == u'_') {
            token.text += peek();
            advance();
        }
        return token;
    }
    Token number(Token token)
    {
        token.kind = Token::Kind::Number;
        while (peek().isDigit()) {
            token.text += peek();
            advance();
        }
        return token;
    }
    Token string(Token token)
    {
        advance(); // the opening quote
        token.kind = Token::Kind::String;
        while (!peek().isNull() && peek() != u'\'') {
            if (peek() == u'\\') { // SOQL escapes: \' \" \\ \n \r \t and the rest as themselves
                advance();
                const QChar e = peek();
                token.text += e == u'n' ? QChar(u'\n') : e == u'r' ? QChar(u'\r') : e == u't' ? QChar(u'\t') : e;
            } else {
                token.text += peek();
            }
            advance();
        }
        if (peek().isNull())
            return {Token::Kind::Bad, u"'"_s, token.at};
        advance();
        return token;
    }

    const QString &m_text;
    qsizetype m_i = 0;
    int m_row = 1;
    int m_column = 1;
};

class Parser
{
public:
    Parser(const QString &text, QList<Token> tokens) : m_text(text), m_tokens(std::move(tokens)) {}

    Soql::Parsed parse()
    {
        SoqlQuery query;
        if (!keyword(u"SELECT") || !names(query.fields) || !keyword(u"FROM") || !name(query.object))
            return failure();
        if (current().isKeyword(u"WHERE")) {
            ++m_at;
            do {
                SoqlCondition condition;
                if (!name(condition.field) || !comparison(condition) || !literal(condition.value))
                    return failure();
                query.conditions.append(condition);
            } while (current().isKeyword(u"AND") && ++m_at);
        }
        if (current().isKeyword(u"LIMIT")) {
            ++m_at;
            if (current().kind != Token::Kind::Number)
                return failure();
            query.limit = current().text.toInt();
            ++m_at;
        }
        if (current().kind != Token::Kind::End)
            return failure();
        return {query, {}};
    }

private:
    const Token &current() const { return m_tokens.at(std::min(m_at, m_tokens.size() - 1)); }
    bool keyword(QStringView word) { return current().isKeyword(word) && ++m_at; }
    bool name(SoqlName &out)
    {
        if (!current().isName())
            return false;
        out = {current().text, current().at};
        ++m_at;
        return true;
    }
    bool names(QList<SoqlName> &out)
    {
        do {
            SoqlName field;
            if (!name(field))
                return false;
            out.append(field);
        } while (current().kind == Token::Kind::Symbol && current().text == u"," && ++m_at);
        return true;
    }
    bool comparison(SoqlCondition &condition)
    {
        if (current().kind != Token::Kind::Symbol || (current().text != u"=" && current().text != u"!="))
            return false;
        condition.equals = current().text == u"=";
        ++m_at;
        return true;
    }
    bool literal(QJsonValue &out)
    {
        const Token &t = current();
        if (t.kind == Token::Kind::String)
            out = t.text;
        else if (t.kind == Token::Kind::Number)
            out = t.text.toDouble();
        else if (t.isKeyword(u"TRUE") || t.isKeyword(u"FALSE"))
            out = t.isKeyword(u"TRUE");
        else if (t.isKeyword(u"NULL"))
            out = QJsonValue::Null;
        else
            return false;
        ++m_at;
        return true;
    }
    Soql::Parsed failure() const
    {
        const Token &t = current();
        const QString why = t.kind == Token::Kind::Bad
                                ? QString::fromUtf16(kBadCharacter).arg(t.at.row).arg(t.at.column - 1).arg(t.text)
                                : QString::fromUtf16(kUnexpectedToken).arg(t.shown());
        return {std::nullopt, {u"MALFORMED_QUERY"_s, Soql::errorMessage(m_text, t.at, why)}};
    }

    const QString &m_text;
    QList<Token> m_tokens;
    qsizetype m_at = 0;
};

bool matches(const QJsonValue &actual, const SoqlCondition &condition, const QString &field)
{
    bool same = false;
    if (field == u"Id" && condition.value.isString())
        same = SalesforceId::sameId(actual.toString(), condition.value.toString());
    else if (actual.isString() && condition.value.isString())
        same = actual.toString().compare(condition.value.toString(), Qt::CaseInsensitive) == 0;
    else
        same = actual == condition.value;
    return same == condition.equals;
}
} // namespace

QString Soql::errorMessage(const QString &text, SoqlPosition at, const QString &why)
{
    const QString line = text.split(u'\n').value(at.row - 1);
    return u"\n%1\n%2^\nERROR at Row:%3:Column:%4\n%5"_s.arg(line, QString(at.column - 1, u' '))
        .arg(at.row)
        .arg(at.column)
        .arg(why);
}

Soql::Parsed Soql::parse(const QString &text)
{
    return Parser(text, Lexer(text).tokens()).parse();
}

namespace {
// The query's names resolved against the object model, in canonical spelling.
struct Resolved
{
    QString type;
    QStringList selected;
    QStringList filtered; // one per condition
};

std::optional<Resolved> resolve(const QString &text, const SoqlQuery &query, SoqlError *error)
{
    const std::optional<QString> type = SObjects::canonicalType(query.object.text);
    if (!type) {
        *error = {u"INVALID_TYPE"_s,
                  Soql::errorMessage(text, query.object.at, QString::fromUtf16(kInvalidType).arg(query.object.text))};
        return std::nullopt;
    }
    Resolved out{*type, {}, {}};
    auto field = [&](const SoqlName &name) -> std::optional<QString> {
        const std::optional<QString> found = SObjects::canonicalField(*type, name.text);
        if (!found)
            *error = {u"INVALID_FIELD"_s,
                      Soql::errorMessage(text, name.at, QString::fromUtf16(kInvalidField).arg(name.text, *type))};
        return found;
    };
    for (const SoqlName &name : query.fields) {
        const std::optional<QString> found = field(name);
        if (!found)
            return std::nullopt;
        if (out.selected.contains(*found)) {
            *error = {u"MALFORMED_QUERY"_s, u"duplicate field selected: %1"_s.arg(*found)};
            return std::nullopt;
        }
        out.selected.append(*found);
    }
    for (const SoqlCondition &condition : query.conditions) {
        const std::optional<QString> found = field(condition.field);
        if (!found)
            return std::nullopt;
        out.filtered.append(*found);
    }
    return out;
}

// What `?columns=true` answers (the query columns resource the Salesforce CLI reads before
// printing a table): one entry per selected field, shaped like Salesforce's (whose keys happen
// to be in alphabetical order, as QJsonObject writes them).
QByteArray columnMetadata(const Resolved &resolved)
{
    QJsonArray columns;
    for (const QString &field : resolved.selected) {
        const QString apex = SObjects::apexType(resolved.type, field);
        columns.append(QJsonObject{{u"aggregate"_s, false},
                                   {u"apexType"_s, apex},
                                   {u"booleanType"_s, apex == u"Boolean"},
                                   {u"columnName"_s, field},
                                   {u"custom"_s, false},
                                   {u"displayName"_s, field},
                                   {u"foreignKeyName"_s, QJsonValue::Null},
                                   {u"insertable"_s, false},
                                   {u"joinColumns"_s, QJsonArray()},
                                   {u"numberType"_s, false},
                                   {u"textType"_s, apex == u"String"},
                                   {u"updatable"_s, false}});
    }
    const QJsonObject answer{{u"columnMetadata"_s, columns},
                             {u"entityName"_s, resolved.type},
                             {u"groupBy"_s, false},
                             {u"idSelected"_s, resolved.selected.contains(u"Id"_s)},
                             {u"keyPrefix"_s, SObjects::keyPrefix(resolved.type)}};
    return QJsonDocument(answer).toJson(QJsonDocument::Compact);
}
} // namespace

Soql::Result Soql::run(const QString &text, const SoqlQuery &query, const SObjects &objects, const QString &apiVersion,
                       Answer answer)
{
    SoqlError error;
    const std::optional<Resolved> resolved = resolve(text, query, &error);
    if (!resolved)
        return {std::nullopt, error};
    if (answer == Answer::Columns)
        return {columnMetadata(*resolved), {}};
    QByteArrayList records;
    for (const Fields &record : objects.records(resolved->type)) {
        bool keep = true;
        for (qsizetype i = 0; keep && i < query.conditions.size(); ++i)
            keep = matches(record.value(resolved->filtered.at(i)), query.conditions.at(i), resolved->filtered.at(i));
        if (!keep)
            continue;
        if (query.limit && records.size() >= *query.limit)
            break;
        // Salesforce's order: attributes first, then the fields as selected.
        Fields row{{u"attributes"_s, SObjects::attributes(resolved->type, record.value(u"Id").toString(), apiVersion)}};
        for (const QString &field : resolved->selected)
            row.insert(field, record.value(field));
        records.append(ResponseFormat::json(row));
    }
    return {"{\"totalSize\":" + QByteArray::number(records.size()) + ",\"done\":true,\"records\":[" +
                records.join(',') + "]}",
            {}};
}

} // namespace ecalab::emu
