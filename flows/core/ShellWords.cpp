#include "ShellWords.h"

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
bool isBlank(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n';
}

// Inside double quotes a backslash quotes only these (XCU §2.2.3).
bool escapableInDoubleQuotes(QChar c)
{
    return c == u'$' || c == u'`' || c == u'"' || c == u'\\' || c == u'\n';
}

class Splitter
{
public:
    explicit Splitter(const QString &command) : m_text(command) {}

    Expected<QStringList, QString> run()
    {
        while (m_pos < m_text.size()) {
            const QChar c = m_text.at(m_pos++);
            bool complete = true;
            if (isBlank(c))
                endWord();
            else if (c == u'\\')
                complete = backslash();
            else if (c == u'\'' || c == u'"')
                complete = quoted(c);
            else
                append(c);
            if (!complete)
                return unexpected(c == u'\\' ? u"The command ends with a lone backslash."_s
                                              : u"A %1 quote is not closed."_s.arg(c == u'"' ? u"double"_s : u"single"_s));
        }
        endWord();
        return m_words;
    }

private:
    void append(QChar c)
    {
        m_word.append(c);
        m_inWord = true;
    }
    void endWord()
    {
        if (m_inWord)
            m_words.append(m_word);
        m_word.clear();
        m_inWord = false;
    }
    bool backslash()
    {
        if (m_pos >= m_text.size())
            return false;
        const QChar next = m_text.at(m_pos++);
        if (next != u'\n') // backslash-newline is a line continuation and vanishes
            append(next);
        return true;
    }
    bool quoted(QChar quote)
    {
        m_inWord = true; // '' and "" are words even when empty
        while (m_pos < m_text.size()) {
            const QChar c = m_text.at(m_pos++);
            if (c == quote)
                return true;
            if (quote == u'"' && c == u'\\' && m_pos < m_text.size() && escapableInDoubleQuotes(m_text.at(m_pos))) {
                if (m_text.at(m_pos) != u'\n')
                    m_word.append(m_text.at(m_pos));
                ++m_pos;
                continue;
            }
            m_word.append(c);
        }
        return false;
    }

    const QString &m_text;
    qsizetype m_pos = 0;
    QString m_word;
    bool m_inWord = false;
    QStringList m_words;
};
} // namespace

Expected<QStringList, QString> splitShellWords(const QString &command)
{
    return Splitter(command).run();
}

} // namespace ecalab
