#pragma once

#include "http/Exchange.h"

#include <QAbstractTableModel>
#include <QList>

namespace ecalab {

// Every exchange of a run, in order: the model behind the Traffic pane and the `exchanges` of
// --json. Holds only redacted copies (see Exchange).
class ExchangeLog : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { StageColumn, MethodColumn, UrlColumn, StatusColumn, TimeColumn, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    int begin(Exchange exchange); // returns the id
    void complete(int id, const HttpResponse &response, qint64 elapsedMs, const QString &transportError,
                  const QList<SecretValue> &secrets);
    void clear();

    const QList<Exchange> &exchanges() const { return m_exchanges; }
    const Exchange *find(int id) const;
    QJsonArray toJson() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void exchangeCompleted(int id);

private:
    int rowOf(int id) const;

    QList<Exchange> m_exchanges;
    int m_nextId = 1;
};

} // namespace ecalab
