#pragma once

#include "fieldmark.h"

#include "api/apiresult.h"
#include "api/operation.h"
#include "api/requests.h"

#include <QJsonObject>
#include <QWidget>

class JsonEditor;
class QLabel;
class QPushButton;
class QScrollArea;
class QTabWidget;
class QVBoxLayout;

// The centre of the window for one operation: a header (summary, METHOD path, permission),
// the operation's fields, a JSON tab with the exact body, and validation as the user types.
// Subclasses add the fields and translate between them and the body.
class OperationForm : public QWidget {
    Q_OBJECT
public:
    static OperationForm *create(const Operation &operation, QWidget *parent = nullptr);
    ~OperationForm() override;

    const Operation &operation() const { return m_operation; }
    // Exactly what Send sends: the JSON tab's text (empty for operations without a body).
    QByteArray bodyBytes() const;
    virtual QueryItems query() const { return {}; }
    // The question to ask before sending, empty when none is needed (deletes name what
    // they delete).
    virtual QString confirmation() const { return {}; }

    int problemCount() const { return m_problemCount; }
    // Problems found by validation (local and the core validator), keyed by path.
    const MarkMap &problems() const { return m_problems; }
    // After an answer: shows the server's field errors and rejected properties on the
    // fields; returns the field errors that no widget claimed.
    QMap<QString, QString> showResult(const ApiResult &result);
    // Validates the body and refreshes every mark (runs on every change).
    void revalidate();
    // Marks appear once the user has edited the form or tried to send it, not on a fresh
    // form; the count beside Send is there from the start.
    void revealProblems();
    bool problemsRevealed() const { return m_revealed; }

    bool hasJsonTab() const { return m_tabs != nullptr; }
    bool isJsonVisible() const;
    void setJsonVisible(bool visible);
    void toggleJson();
    JsonEditor *jsonEditor() const { return m_json; }
    QTabWidget *tabs() const { return m_tabs; }
    QPushButton *sendAnywayButton() const { return m_sendAnyway; }
    QLabel *problemLabel() const { return m_problemLabel; }
    // The first widget to focus when the form is shown.
    virtual QWidget *firstField() const { return nullptr; }
    // The page that holds the form's fields (in the "Form" tab when there is a body).
    QWidget *formPage() const { return m_formPage; }

    // Marks the header's "needs X" in red with a word when the active key lacks the
    // operation's permission (from the key's last GET /validate); `why` becomes the
    // tooltip. An empty `why` clears the mark.
    void setMissingPermission(const QString &why);
    bool isPermissionMissing() const
    {
        return !m_missingPermission.isEmpty() && !m_operation.permission.isEmpty();
    }
    QLabel *endpointLabel() const { return m_endpoint; }

Q_SIGNALS:
    void problemsChanged(int count);
    void sendAnywayRequested();

protected:
    explicit OperationForm(const Operation &operation, QWidget *parent = nullptr);

    // Subclasses add their widgets to formLayout(), connect their changes to formChanged()
    // and call finishSetup() at the end of their constructor.
    QVBoxLayout *formLayout() const { return m_formLayout; }
    void formChanged();
    void finishSetup();

    virtual QJsonObject formBody() const { return {}; }
    virtual void setFormBody(const QJsonObject &body) { Q_UNUSED(body) }
    // Problems the validator cannot see (a duplicate name, "abc" typed as a number).
    virtual MarkMap localProblems(const QJsonObject &body) const
    {
        Q_UNUSED(body)
        return {};
    }
    // Shows the marks this form's widgets own, taking them out of `marks`.
    virtual void applyMarks(MarkMap &marks) = 0;
    // Read views show the answer's data.
    virtual void showData(const ApiResult &result) { Q_UNUSED(result) }
    // Where `rejected` property names live ("properties"); empty when nothing can be rejected.
    virtual QString rejectedPrefix() const { return {}; }

private:
    void onJsonEdited();
    void updateProblemLabel(const QStringList &unclaimed);
    void updateEndpoint();

    Operation m_operation;
    QTabWidget *m_tabs = nullptr;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_formPage;
    QVBoxLayout *m_formLayout;
    JsonEditor *m_json = nullptr;
    QLabel *m_endpoint = nullptr;
    QString m_missingPermission;
    QLabel *m_problemLabel = nullptr;
    QPushButton *m_sendAnyway = nullptr;
    MarkMap m_problems;
    MarkMap m_serverMarks; // from the last answer, until the next edit
    QMap<QString, QString> m_unclaimedServer;
    int m_problemCount = 0;
    bool m_ready = false;
    bool m_syncing = false;
    bool m_revealed = false;
};
