#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace ecalab::emu {

// Request parameters in arrival order. Lookups return the first occurrence.
class Params
{
public:
    void add(const QString &name, const QString &value) { m_items.append({name, value}); }
    bool contains(QStringView name) const;
    QString value(QStringView name) const;
    bool isEmpty() const { return m_items.isEmpty(); }
    const QList<QPair<QString, QString>> &items() const { return m_items; }
    void addMissingFrom(const Params &other); // adds the names this set lacks

private:
    QList<QPair<QString, QString>> m_items;
};

// application/x-www-form-urlencoded and multipart/form-data, both ways.
class FormData
{
public:
    static Params parseUrlEncoded(const QByteArray &body); // '+' is a space; %XX decoded
    // nullopt when the body is not a well-formed multipart message for the boundary of `contentType`.
    static std::optional<Params> parseMultipart(const QByteArray &body, const QByteArray &contentType);
    static QByteArray encode(const QList<QPair<QString, QString>> &items); // spaces as %20
    static QByteArray percentEncode(const QString &value);
};

} // namespace ecalab::emu
