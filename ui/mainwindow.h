#pragma once

#include "api/apireply.h"
#include "api/apiresult.h"

#include "requestlog.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>

#include <QUrl>
#include <functional>
#include <optional>

class HmacPanel;
class ProductionBanner;
class ProfileDialog;
class ProfileSession;
class ProfileStore;
class ProfileSwitcher;
class SecretStore;
class SecretStoreNotice;
struct Profile;
class JournyClient;
class QDockWidget;
class RateLimitBanner;
class RateLimitGauge;
class RateLimitHistory;
class RequestLogPanel;
class NavigationPanel;
class OperationForm;
class QLabel;
class QMenu;
class QSplitter;
class QStackedWidget;
class QToolButton;
class ResponseInspector;
class SandboxBrowser;
class SandboxServer;
class SendButton;

// Navigation on the left, the selected operation's form in the centre, the answer on the
// right; a toolbar with the connection, Send and Cancel. Requests never block the window.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Tools (mainwindowtools.cpp): HMAC calculator, rate-limit gauge/chart/banner, request log.
    // Docks hold nothing until first shown; these build their contents when asked first.
    QDockWidget *hmacDock() const { return m_hmacDock; }
    HmacPanel *hmacPanel();
    RateLimitHistory *rateLimitHistory() const { return m_rateHistory; }
    RateLimitGauge *rateLimitGauge() const { return m_rateGauge; }
    QDockWidget *rateLimitDock() const { return m_rateDock; }
    RateLimitBanner *rateLimitBanner() const { return m_rateBanner; }
    RequestLog *requestLog() const { return m_requestLog; }
    QDockWidget *requestLogDock() const { return m_requestLogDock; }
    RequestLogPanel *requestLogPanel();
    // Fills the operation's form with a request as it was sent (body and query).
    bool openRequestInForm(const QString &operationId, const SentRequest &request);
    // The same, then Send (through the usual checks and confirmations).
    void resendRequest(const QString &operationId, const SentRequest &request);

    // Profiles (profiles section at the end of mainwindow.cpp): the toolbar's switcher, the
    // profile dialog (Ctrl+,), the production banner and the keychain notice.
    ProfileStore *profiles() const { return m_profiles; }
    SecretStore *secrets() const { return m_secrets; }
    ProfileSession *profileSession() const { return m_profileSession; }
    ProfileSwitcher *profileSwitcher() const { return m_profileSwitcher; }
    ProductionBanner *productionBanner() const { return m_productionBanner; }
    SecretStoreNotice *secretStoreNotice() const { return m_secretStoreNotice; }
    ProfileDialog *profileDialog() const { return m_profileDialog; }
    void openProfileDialog();
    // Connects to the profile chosen last (the Sandbox when no other profile has a key);
    // its key is read from the keychain without blocking.
    void activateStoredProfile();

    // Starts the in-process sandbox on a free loopback port and connects to it. main()
    // calls it after the first paint so that start-up stays fast.
    bool startBuiltInSandbox();
    SandboxServer *sandbox() const { return m_sandbox; }
    // A server typed by hand; the key stays in memory.
    void connectTo(const QUrl &baseUrl, const QString &apiKey, const QString &name);
    bool isConnected() const { return m_connected; }
    JournyClient *client() const { return m_client; }

    bool selectOperation(const QString &operationId);
    OperationForm *currentForm() const;
    OperationForm *form(const QString &operationId); // created on first use
    NavigationPanel *navigation() const { return m_navigation; }
    ResponseInspector *inspector() const { return m_inspector; }
    QSplitter *splitter() const { return m_splitter; }
    QAction *sendAction() const { return m_sendAction; }
    SendButton *sendButton() const { return m_sendButton; }
    QAction *cancelAction() const { return m_cancelAction; }
    QAction *showDeprecatedAction() const { return m_showDeprecatedAction; }
    bool isSending() const { return m_reply != nullptr; }
    // The sandbox browser dock's contents (View menu), built on first use; null in builds
    // without the sandbox.
    SandboxBrowser *sandboxBrowser();
    QAction *sandboxBrowserAction() const { return m_sandboxBrowserAction; }

public Q_SLOTS:
    void send();
    void sendAnyway();
    void cancel();

Q_SIGNALS:
    void requestFinished(const ApiResult &result);
    void connectionChanged();

protected:
    bool event(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createToolDocks(); // mainwindowtools.cpp
    QMenu *toolsMenu();
    void sendCurrent(bool anyway);
    void onFinished(OperationForm *form, const ApiResult &result);
    void updateActions();
    void showOperation(const QString &operationId);
    QWidget *createProfiles(); // the central area: banners above the splitter
    void onProfileConnect(const Profile &profile, const QString &apiKey);
    void showConnectionTarget(const QString &name);
    void applyPermissionMarks();
    bool confirmSend(OperationForm *form);
    struct Layout {
        QRect geometry;
        Qt::WindowStates windowState;
        QByteArray state; // docks and toolbars
        QByteArray splitter;
    };
    Layout layout() const;
    QDockWidget *addLazyDock(const QString &title, const QString &objectName,
                             Qt::DockWidgetArea area, std::function<void()> build);
    void createSandboxDock(QMenu *view);
    void buildRateLimitDock();
    QMenu *createCopyLastMenu(QWidget *parent);
    void updateSandboxBrowser();

    JournyClient *m_client;
    SandboxServer *m_sandbox = nullptr;
    QPointer<ApiReply> m_reply;
    bool m_connected = false;
    // As restored at start, to save only what the user changed.
    std::optional<Layout> m_layoutAtStart;
    QString m_operationAtStart;
    QString m_connectionName;

    NavigationPanel *m_navigation;
    QStackedWidget *m_stack;
    ResponseInspector *m_inspector;
    QSplitter *m_splitter;
    QHash<QString, OperationForm *> m_forms;

    QDockWidget *m_hmacDock = nullptr;
    HmacPanel *m_hmacPanel = nullptr;
    RateLimitHistory *m_rateHistory = nullptr;
    RateLimitGauge *m_rateGauge = nullptr;
    QDockWidget *m_rateDock = nullptr;
    RateLimitBanner *m_rateBanner = nullptr;
    RequestLog *m_requestLog = nullptr;
    QDockWidget *m_requestLogDock = nullptr;
    RequestLogPanel *m_requestLogPanel = nullptr;
    QAction *m_includeKeyAction = nullptr; // in the toolbar's "Copy as" menu
    QMenu *m_toolsMenu = nullptr;

    ProfileStore *m_profiles = nullptr;
    SecretStore *m_secrets = nullptr;
    ProfileSession *m_profileSession = nullptr;
    ProfileSwitcher *m_profileSwitcher = nullptr;
    ProductionBanner *m_productionBanner = nullptr;
    SecretStoreNotice *m_secretStoreNotice = nullptr;
    ProfileDialog *m_profileDialog = nullptr; // made on first use, kept
    bool m_connectingProfile = false;
    SendButton *m_sendButton = nullptr;
    QAction *m_sendAction = nullptr;
    QAction *m_sendAnywayAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_toggleJsonAction = nullptr;
    QAction *m_showDeprecatedAction = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QLabel *m_lastAnswerLabel = nullptr;
    SandboxBrowser *m_sandboxBrowser = nullptr;
    QAction *m_sandboxBrowserAction = nullptr;
};
