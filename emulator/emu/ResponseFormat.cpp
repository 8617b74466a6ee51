#include "ResponseFormat.h"

#include "FormData.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

void Fields::insert(const QString &name, const QJsonValue &value)
{
    for (auto &item : m_items) {
        if (item.first == name) {
            item.second = value;
            return;
        }
    }
    m_items.append({name, value});
}

QJsonValue Fields::value(QStringView name) const
{
    for (const auto &item : m_items) {
        if (item.first == name)
            return item.second;
    }
    return QJsonValue::Undefined;
}

bool Fields::contains(QStringView name) const
{
    return !value(name).isUndefined();
}

QJsonObject Fields::toObject() const
{
    QJsonObject object;
    for (const auto &item : m_items)
        object.insert(item.first, item.second);
    return object;
}

Format ResponseFormat::negotiate(const QString &formatParam, const QByteArray &acceptHeader)
{
    const QString format = formatParam.trimmed().toLower();
    if (format == u"json")
        return Format::Json;
    if (format == u"urlencoded")
        return Format::UrlEncoded;
    if (format == u"xml")
        return Format::Xml;
    // The first media type of Accept that names one of the three formats decides.
    for (const QByteArray &entry : acceptHeader.split(',')) {
        const QByteArray type = entry.split(';').first().trimmed().toLower();
        if (type == "application/json")
            return Format::Json;
        if (type == "application/xml" || type == "text/xml")
            return Format::Xml;
        if (type == "application/x-www-form-urlencoded")
            return Format::UrlEncoded;
    }
    return Format::Json;
}

QByteArray ResponseFormat::contentType(Format format)
{
    switch (format) {
    case Format::Json:
        return "application/json;charset=UTF-8";
    case Format::UrlEncoded:
        return "application/x-www-form-urlencoded;charset=UTF-8";
    case Format::Xml:
        return "application/xml;charset=UTF-8";
    }
    return {};
}

QByteArray ResponseFormat::render(const Fields &fields, Format format, const QString &xmlRoot)
{
    switch (format) {
    case Format::Json:
        return json(fields);
    case Format::UrlEncoded:
        return urlEncoded(fields);
    case Format::Xml:
        return xml(fields, xmlRoot);
    }
    return {};
}

namespace {
QByteArray jsonValue(const QJsonValue &value)
{
    // A one-element array serialises any value with QJson's escaping; strip the brackets.
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

QString scalarText(const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool() ? u"true"_s : u"false"_s;
    if (value.isDouble())
        return QString::fromLatin1(jsonValue(value));
    if (value.isNull())
        return {};
    return value.toString();
}

QByteArray xmlEscape(const QString &text)
{
    return text.toHtmlEscaped().replace(u"'"_s, u"&apos;"_s).toUtf8();
}

void appendXml(QByteArray &out, const QString &name, const QJsonValue &value)
{
    if (value.isArray()) {
        for (const QJsonValue &element : value.toArray())
            appendXml(out, name, element);
        return;
    }
    out += '<' + name.toUtf8() + '>';
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            appendXml(out, it.key(), it.value());
    } else {
        out += xmlEscape(scalarText(value));
    }
    out += "</" + name.toUtf8() + '>';
}

void flatten(QList<QPair<QString, QString>> &out, const QString &name, const QJsonValue &value)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            flatten(out, name + u'.' + it.key(), it.value());
    } else if (value.isArray()) {
        for (const QJsonValue &element : value.toArray())
            flatten(out, name, element);
    } else {
        out.append({name, scalarText(value)});
    }
}
} // namespace

QByteArray ResponseFormat::json(const Fields &fields)
{
    QByteArray out = "{";
    for (const auto &item : fields.items()) {
        if (out.size() > 1)
            out += ',';
        out += jsonValue(item.first) + ':' + jsonValue(item.second);
    }
    return out + '}';
}

QByteArray ResponseFormat::xml(const Fields &fields, const QString &root)
{
    QByteArray out = R"(<?xml version="1.0" encoding="UTF-8"?>)";
    out += '<' + root.toUtf8() + '>';
    for (const auto &item : fields.items())
        appendXml(out, item.first, item.second);
    return out + "</" + root.toUtf8() + '>';
}

QByteArray ResponseFormat::urlEncoded(const Fields &fields)
{
    QList<QPair<QString, QString>> flat;
    for (const auto &item : fields.items())
        flatten(flat, item.first, item.second);
    return FormData::encode(flat);
}

} // namespace ecalab::emu
