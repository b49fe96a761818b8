#pragma once

#include "requestlog.h"

#include "codegen/requestcode.h"

#include <QWidget>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;

// The session's request log (shown in a dock): a filterable table (newest first); the selected
// request goes to the inspector; "Open in form" and "Resend" hand it to the main window;
// "Copy as" writes it as curl, journyctl or an official SDK call (RequestCode), with the API
// key as $JOURNY_API_KEY unless "Include API key" is ticked, and then the key comes from the
// key provider at that moment, never from the log.
class RequestLogPanel : public QWidget {
    Q_OBJECT
public:
    enum class Show { All, Successful, Failed, Writes };

    explicit RequestLogPanel(RequestLog *log, QWidget *parent = nullptr);

    RequestLog *log() const { return m_log; }
    // Where the real key comes from when the user includes it.
    void setApiKeyProvider(std::function<QString()> provider)
    {
        m_apiKeyProvider = std::move(provider);
    }

    QLineEdit *filterEdit() const { return m_filter; }
    QComboBox *showCombo() const { return m_show; }
    QTableView *view() const { return m_view; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QPushButton *openButton() const { return m_open; }
    QPushButton *resendButton() const { return m_resend; }
    QToolButton *copyButton() const { return m_copy; }
    QCheckBox *includeKeyBox() const { return m_includeKey; }
    QLabel *noteLabel() const { return m_note; }
    // Copies the last request in `format` (the toolbar's "Copy as").
    void copyLast(RequestCode::Format format);

    // The selected request, or null.
    const RequestLog::Entry *selected() const;
    bool selectEntry(quint64 id);
    // The selected request, else the last one.
    const RequestLog::Entry *selectedOrLast() const;
    // Copies `entry` in `format` to the clipboard; returns the note shown (why not, caveats).
    RequestCode::Code copy(const RequestLog::Entry &entry, RequestCode::Format format);
    RequestCode::Code code(const RequestLog::Entry &entry, RequestCode::Format format) const;
    QString lastCopied() const { return m_lastCopied; }

public Q_SLOTS:
    // Ctrl+Shift+C: the selected (else last) request as curl.
    void copySelectedOrLastAsCurl();

Q_SIGNALS:
    void entrySelected(const RequestLog::Entry &entry);
    void openInFormRequested(const RequestLog::Entry &entry);
    void resendRequested(const RequestLog::Entry &entry);
    void message(const QString &text);

private:
    void updateButtons();
    void applyFilter();
    QMenu *createCopyMenu(QWidget *parent);
    void sayNothingSentYet();

    RequestLog *m_log;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QComboBox *m_show;
    QTableView *m_view;
    QPushButton *m_open;
    QPushButton *m_resend;
    QToolButton *m_copy;
    QCheckBox *m_includeKey;
    QLabel *m_note;
    std::function<QString()> m_apiKeyProvider;
    QString m_lastCopied;
};
