#include "ExchangeLog.h"

#include <QJsonArray>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

int ExchangeLog::begin(Exchange exchange)
{
    exchange.id = m_nextId++;
    beginInsertRows({}, int(m_exchanges.size()), int(m_exchanges.size()));
    m_exchanges.append(std::move(exchange));
    endInsertRows();
    return m_exchanges.last().id;
}

void ExchangeLog::complete(int id, const HttpResponse &response, qint64 elapsedMs, const QString &transportError,
                           const QList<SecretValue> &secrets)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    Exchange &exchange = m_exchanges[row];
    exchange.response = response;
    exchange.elapsedMs = elapsedMs;
    exchange.transportError = transportError;
    exchange.secrets = secrets;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    Q_EMIT exchangeCompleted(id);
}

void ExchangeLog::clear()
{
    beginResetModel();
    m_exchanges.clear();
    endResetModel();
}

const Exchange *ExchangeLog::find(int id) const
{
    const int row = rowOf(id);
    return row < 0 ? nullptr : &m_exchanges.at(row);
}

QJsonArray ExchangeLog::toJson() const
{
    QJsonArray array;
    for (const Exchange &exchange : m_exchanges)
        array.append(exchange.toJson());
    return array;
}

int ExchangeLog::rowOf(int id) const
{
    for (int row = 0; row < m_exchanges.size(); ++row) {
        if (m_exchanges.at(row).id == id)
            return row;
    }
    return -1;
}

int ExchangeLog::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_exchanges.size());
}

int ExchangeLog::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ExchangeLog::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_exchanges.size())
        return {};
    const Exchange &exchange = m_exchanges.at(index.row());
    if (role == Qt::UserRole)
        return exchange.id;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case StageColumn: return exchange.stage;
    case MethodColumn: return QString::fromLatin1(exchange.request.method);
    case UrlColumn:
        return role == Qt::ToolTipRole ? exchange.request.url.toString(QUrl::FullyEncoded)
                                       : exchange.request.url.toString(QUrl::RemoveQuery);
    case StatusColumn:
        if (exchange.inFlight())
            return u"…"_s;
        return exchange.transportError.isEmpty() ? QString::number(exchange.response.status) : u"failed"_s;
    case TimeColumn: return exchange.inFlight() ? QString() : u"%1 ms"_s.arg(exchange.elapsedMs);
    default: return {};
    }
}

QVariant ExchangeLog::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const QStringList titles{u"Stage"_s, u"Method"_s, u"URL"_s, u"Status"_s, u"Time"_s};
    return titles.value(section);
}

} // namespace ecalab
