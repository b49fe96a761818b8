#pragma once

#include "api/apiresult.h"

#include <QMap>
#include <QWidget>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QTabWidget;
class QTableWidget;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

// The answer panel: what came back (status, message, requestId, timing, headers, body as a
// tree and as text), what it means in journy.io terms, and the request exactly as sent.
class ResponseInspector : public QWidget {
    Q_OBJECT
public:
    explicit ResponseInspector(QWidget *parent = nullptr);

    void showSending(const SentRequest &request);
    void showResult(const ApiResult &result);
    // Field errors of a 400 that no form widget claimed.
    void setUnmatchedFieldErrors(const QMap<QString, QString> &errors);
    void showHint(const QString &text);
    void clear();

    // For tests and accessibility: the texts currently shown.
    QString statusText() const;
    QString explanationText() const;
    QString requestIdText() const;
    QString rawBodyText() const;
    QString requestText() const;
    QTreeWidget *bodyTree() const { return m_bodyTree; }
    // "Open Profiles…" under the explanation of a 401 or 403 (the key is the problem); null
    // until the first of them.
    QLabel *profilesLink() const { return m_profilesLink; }

    // One sentence on what 401, 403 and 429 mean for journy.io; empty for other statuses.
    static QString explain(const ApiResult &result);

Q_SIGNALS:
    void profilesRequested();

private:
    enum class Tone { Neutral, Success, Warning, Error };
    static QColor toneColour(Tone tone, const QPalette &palette);
    void setStatus(const QString &text, Tone tone);
    void fillTree(QTreeWidgetItem *parent, const QString &key, const QJsonValue &value);
    void showRequest(const SentRequest &request);
    void createDetails();

    QLabel *m_status;
    QLabel *m_message;
    QLabel *m_explanation;
    QLabel *m_requestId;
    QToolButton *m_copyRequestId;
    QLabel *m_profilesLink = nullptr;
    // The details below are made with the first request: until then there is nothing to show.
    QListWidget *m_unmatched = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTreeWidget *m_bodyTree = nullptr;
    QPlainTextEdit *m_rawBody = nullptr;
    QTableWidget *m_headers = nullptr;
    QPlainTextEdit *m_request = nullptr;
};
