#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QWidget>

class QLineEdit;
class QToolButton;

namespace ecalab::ui {

// A secret shown masked, with an eye to reveal it and a button to copy it. The masked form never
// contains any part of the value. Children are named <objectName>Value / Reveal / Copy.
class SecretField : public QWidget
{
    Q_OBJECT
public:
    explicit SecretField(const QString &objectName, const QString &label, QWidget *parent = nullptr);

    void setValue(const QString &value);
    QString value() const { return m_value; }
    QString displayedText() const;
    bool isRevealed() const { return m_revealed; }
    void setRevealed(bool revealed);
    void copyToClipboard();

    static QString maskFor(const QString &value);

Q_SIGNALS:
    void revealChanged(bool revealed);

private:
    void refresh();

    QString m_value;
    QString m_label;
    bool m_revealed = false;
    QLineEdit *m_edit;
    QToolButton *m_reveal;
    QToolButton *m_copy;
};

// Keeps at most one SecretField of the group revealed (UX.md: "an eye toggles one value at a time").
class RevealGroup : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    void add(SecretField *field);
    void hideAll();

private:
    QList<QPointer<SecretField>> m_fields;
};

} // namespace ecalab::ui
