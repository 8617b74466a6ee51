#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>

namespace ecalab::emu {

// Response fields in the order Salesforce writes them (QJsonObject would sort them).
class Fields
{
public:
    Fields() = default;
    Fields(std::initializer_list<QPair<QString, QJsonValue>> items) : m_items(items) {}
    void insert(const QString &name, const QJsonValue &value); // replaces in place or appends
    QJsonValue value(QStringView name) const;
    bool contains(QStringView name) const;
    const QList<QPair<QString, QJsonValue>> &items() const { return m_items; }
    QJsonObject toObject() const;

private:
    QList<QPair<QString, QJsonValue>> m_items;
};

// The `format` parameter / Accept header of the token and identity endpoints (§1.3, §7.6).
enum class Format { Json, UrlEncoded, Xml };

class ResponseFormat
{
public:
    // `format` wins over Accept; unknown or absent values mean JSON.
    static Format negotiate(const QString &formatParam, const QByteArray &acceptHeader);
    static QByteArray contentType(Format format);
    // XML wraps the fields in <root>; urlencoded flattens nested objects as parent.child.
    static QByteArray render(const Fields &fields, Format format, const QString &xmlRoot);
    static QByteArray json(const Fields &fields);
    static QByteArray xml(const Fields &fields, const QString &root);
    static QByteArray urlEncoded(const Fields &fields);
};

} // namespace ecalab::emu
