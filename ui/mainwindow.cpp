#include "mainwindow.h"

#include "messagebox.h"
#include "navigationpanel.h"
#include "operationform.h"
#include "productionbanner.h"
#include "profiledialog.h"
#include "profilesession.h"
#include "profileswitcher.h"
#include "responseinspector.h"
#include "sendbutton.h"
#include "settings.h"

#include "api/apireply.h"
#include "api/journyclient.h"
#include "api/operation.h"
#include "profiles/profilestore.h"
#include "secrets/secretstore.h"

#ifdef JOURNY_HAS_SANDBOX
#include "sandboxbrowser.h"
#include "sandboxserver.h"
#endif

#include "secretstorenotice.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
QString problemText(int count)
{
    return count == 1 ? MainWindow::tr("1 problem") : MainWindow::tr("%1 problems").arg(count);
}
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_client(new JournyClient(this))
    , m_navigation(new NavigationPanel)
    , m_stack(new QStackedWidget)
    , m_inspector(new ResponseInspector)
    , m_splitter(new QSplitter(Qt::Horizontal, this))
{
    setWindowTitle(tr("Journy Console %1").arg(QStringLiteral(JOURNY_VERSION)));

    m_splitter->addWidget(m_navigation);
    m_splitter->addWidget(m_stack);
    m_splitter->addWidget(m_inspector);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setStretchFactor(2, 2);
    m_navigation->setMinimumWidth(150);
    m_stack->setMinimumWidth(380);
    m_inspector->setMinimumWidth(260);
    setCentralWidget(createProfiles());

    createActions();

    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setAccessibleDescription(tr("Connection"));
    m_lastAnswerLabel = new QLabel(this);
    m_lastAnswerLabel->setAccessibleDescription(tr("Last answer"));
    statusBar()->addPermanentWidget(m_lastAnswerLabel);
    statusBar()->addPermanentWidget(m_connectionLabel);
    statusBar()->showMessage(tr("Ready"));

    m_navigation->setShowDeprecated(Settings::showDeprecated.value());
    connect(m_navigation, &NavigationPanel::operationSelected, this, &MainWindow::showOperation);
    connect(m_inspector, &ResponseInspector::profilesRequested, this,
            &MainWindow::openProfileDialog);

    resize(1024, 700);
    m_splitter->setSizes({190, 474, 360});
    const QByteArray geometry = Settings::mainWindowGeometry.value();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    const QByteArray splitter = Settings::mainSplitter.value();
    if (!splitter.isEmpty())
        m_splitter->restoreState(splitter);

    QString first = Settings::lastOperation.value();
    if (!m_navigation->selectOperation(first))
        m_navigation->selectOperation(u"upsertUser"_s);
    m_operationAtStart = currentForm()->operation().id;
    m_inspector->showHint(tr("Not connected yet: choose a profile in the toolbar."));
    updateActions();
    createToolDocks();
}

MainWindow::~MainWindow()
{
    if (m_reply)
        m_reply->cancel();
}

void MainWindow::createActions()
{
    auto *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(u"mainToolBar"_s);
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);

    toolbar->addWidget(m_profileSwitcher);
    toolbar->addSeparator();

    m_sendAction = new QAction(tr("Send"), this);
    m_sendAction->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_sendAction->setShortcutContext(Qt::WindowShortcut);
    connect(m_sendAction, &QAction::triggered, this, &MainWindow::send);
    m_sendAnywayAction = new QAction(tr("Send anyway…"), this);
    m_sendAnywayAction->setToolTip(tr("Send although the request fails validation (asks first)"));
    connect(m_sendAnywayAction, &QAction::triggered, this, &MainWindow::sendAnyway);
    m_cancelAction = new QAction(tr("Cancel"), this);
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setToolTip(tr("Cancel the request in flight (Esc)"));
    connect(m_cancelAction, &QAction::triggered, this, &MainWindow::cancel);
    m_toggleJsonAction = new QAction(tr("Form / JSON"), this);
    m_toggleJsonAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_J));
    connect(m_toggleJsonAction, &QAction::triggered, this, [this] {
        if (OperationForm *form = currentForm())
            form->toggleJson();
    });
    m_sendButton = new SendButton(m_sendAction, this);
    toolbar->addWidget(m_sendButton);
    toolbar->addAction(m_cancelAction);
    if (auto *button = qobject_cast<QToolButton *>(toolbar->widgetForAction(m_sendAction)))
        button->setAccessibleName(tr("Send"));
    if (auto *button = qobject_cast<QToolButton *>(toolbar->widgetForAction(m_cancelAction)))
        button->setAccessibleName(tr("Cancel"));

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_profileSwitcher->manageAction());
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *request = menuBar()->addMenu(tr("&Request"));
    request->addAction(m_sendAction);
    request->addAction(m_sendAnywayAction);
    request->addAction(m_cancelAction);
    request->addSeparator();
    request->addAction(m_toggleJsonAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    const QString groups[] = {tr("Users"), tr("Accounts"), tr("Track"), tr("Read")};
    for (int i = 0; i < NavigationPanel::GroupCount; ++i) {
        QAction *action = view->addAction(
            groups[i], this, [this, i] { m_navigation->selectGroup(NavigationPanel::Group(i)); });
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }
    QAction *filter = view->addAction(tr("Filter operations"), this, [this] {
        m_navigation->filter()->setFocus();
        m_navigation->filter()->selectAll();
    });
    filter->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    view->addSeparator();
    m_showDeprecatedAction = view->addAction(tr("Show deprecated operations"));
    m_showDeprecatedAction->setCheckable(true);
    m_showDeprecatedAction->setChecked(Settings::showDeprecated.value());
    connect(m_showDeprecatedAction, &QAction::toggled, this, [this](bool on) {
        Settings::showDeprecated.setValue(on);
        m_navigation->setShowDeprecated(on);
    });

    createSandboxDock(view);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("About Journy Console"), this, [this] {
        QMessageBox::about(this, tr("About Journy Console"),
                           tr("Journy Console %1\nA native console for the journy.io API.")
                               .arg(QStringLiteral(JOURNY_VERSION)));
    });
}

bool MainWindow::startBuiltInSandbox()
{
#ifdef JOURNY_HAS_SANDBOX
    if (!m_sandbox) {
        auto *sandbox = new SandboxServer(this);
        if (!sandbox->listen(QHostAddress::LocalHost, 0)) {
            m_inspector->showHint(
                tr("The built-in sandbox could not start: %1").arg(sandbox->errorString()));
            delete sandbox;
            return false;
        }
        m_sandbox = sandbox;
    }
    connectTo(m_sandbox->baseUrl(), m_sandbox->createDefaultKey(), tr("Sandbox"));
    m_inspector->showHint(tr("You are on the local sandbox: nothing leaves this machine. Add a "
                             "profile to reach journy.io."));
    return true;
#else
    m_inspector->showHint(tr("This build has no built-in sandbox: connect to a server."));
    return false;
#endif
}

void MainWindow::connectTo(const QUrl &baseUrl, const QString &apiKey, const QString &name)
{
    if (m_reply)
        m_reply->cancel();
    m_client->setBaseUrl(baseUrl);
    m_client->setApiKey(apiKey);
    m_connected = true;
    m_connectionName = name;
    showConnectionTarget(name);
    m_connectionLabel->setText(baseUrl.toDisplayString());
    m_inspector->clear();
    updateActions();
    updateSandboxBrowser();
    Q_EMIT connectionChanged();
}

OperationForm *MainWindow::form(const QString &operationId)
{
    if (OperationForm *existing = m_forms.value(operationId))
        return existing;
    const Operation *operation = OperationCatalogue::find(operationId);
    if (!operation)
        return nullptr;
    OperationForm *created = OperationForm::create(*operation, m_stack);
    m_stack->addWidget(created);
    m_forms.insert(operationId, created);
    created->setMissingPermission(m_profileSession->missingPermission(*operation));
    connect(created, &OperationForm::problemsChanged, this, [this, created] {
        if (created == currentForm())
            updateActions();
    });
    connect(created, &OperationForm::sendAnywayRequested, this, &MainWindow::sendAnyway);
    return created;
}

bool MainWindow::selectOperation(const QString &operationId)
{
    if (!m_navigation->selectOperation(operationId))
        return false;
    return currentForm() && currentForm()->operation().id == operationId;
}

void MainWindow::showOperation(const QString &operationId)
{
    OperationForm *target = form(operationId);
    if (!target)
        return;
    m_stack->setCurrentWidget(target);
    updateActions();
}

OperationForm *MainWindow::currentForm() const
{
    return qobject_cast<OperationForm *>(m_stack->currentWidget());
}

void MainWindow::send()
{
    sendCurrent(false);
}

void MainWindow::sendAnyway()
{
    sendCurrent(true);
}

void MainWindow::cancel()
{
    if (m_reply)
        m_reply->cancel();
}

void MainWindow::sendCurrent(bool anyway)
{
    OperationForm *form = currentForm();
    if (!form || m_reply)
        return;
    if (!m_connected) {
        m_inspector->showHint(tr("Not connected: choose the sandbox or a server in the toolbar "
                                 "first."));
        return;
    }
    const int problems = form->problemCount();
    if (problems > 0 && !anyway) {
        form->revealProblems();
        const QString text = tr("%1 to fix first, or use Send anyway.").arg(problemText(problems));
        statusBar()->showMessage(text, 5000);
        m_inspector->showHint(text);
        return;
    }
    if (problems > 0 &&
        !MessageBox::confirm(this, tr("Send anyway?"),
                             tr("The request fails validation (%1). journy.io will most "
                                "likely reject it. Send it as it is?")
                                 .arg(problemText(problems)),
                             tr("Send anyway"))) {
        return;
    }
    if (!confirmSend(form))
        return;

    m_reply = m_client->sendBytes(form->operation().id, form->bodyBytes(), form->query());
    m_inspector->showSending(m_reply->request());
    statusBar()->showMessage(
        tr("Sending %1 %2…")
            .arg(QString::fromLatin1(form->operation().method), form->operation().path));
    QPointer<OperationForm> target = form;
    connect(m_reply, &ApiReply::finished, this,
            [this, target](const ApiResult &result) { onFinished(target, result); });
    updateActions();
}

void MainWindow::onFinished(OperationForm *form, const ApiResult &result)
{
    m_reply = nullptr;
    m_inspector->showResult(result);
    if (form)
        m_inspector->setUnmatchedFieldErrors(form->showResult(result));
    statusBar()->showMessage(result.summary(), 8000);
    m_lastAnswerLabel->setText(
        tr("Last answer %1").arg(QTime::currentTime().toString(u"HH:mm:ss"_s)));
    updateActions();
    Q_EMIT requestFinished(result);
}

void MainWindow::updateActions()
{
    OperationForm *form = currentForm();
    const int problems = form ? form->problemCount() : 0;
    const bool sending = m_reply != nullptr;
    m_sendAction->setText(problems > 0 ? tr("Send (%1)").arg(problemText(problems)) : tr("Send"));
    m_sendAction->setToolTip(
        problems > 0
            ? tr("%1: fix them first, or use Request › Send anyway").arg(problemText(problems))
            : tr("Send the request (Ctrl+Enter)"));
    m_sendAction->setEnabled(form && m_connected && !sending);
    m_sendAnywayAction->setEnabled(form && m_connected && !sending && problems > 0);
    m_cancelAction->setEnabled(sending);
    m_sendButton->setBusy(sending);
    m_toggleJsonAction->setEnabled(form && form->hasJsonTab());
}

MainWindow::Layout MainWindow::layout() const
{
    return {geometry(), windowState(), saveState(), m_splitter->saveState()};
}

bool MainWindow::event(QEvent *event)
{
    // At the first paint the platform has placed the window (not yet when it is shown).
    if (event->type() == QEvent::Paint && !m_layoutAtStart)
        m_layoutAtStart = layout();
    return QMainWindow::event(event);
}

// What changed in this session is written once, here: nothing at all when nothing changed
// (a write costs the disk a sync).
void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    if (m_layoutAtStart) { // else never on screen: nothing to remember
        const Layout now = layout();
        if (now.geometry != m_layoutAtStart->geometry ||
            now.windowState != m_layoutAtStart->windowState)
            Settings::mainWindowGeometry.setValue(settings, saveGeometry());
        if (now.state != m_layoutAtStart->state)
            Settings::mainWindowState.setValue(settings, now.state);
        if (now.splitter != m_layoutAtStart->splitter)
            Settings::mainSplitter.setValue(settings, now.splitter);
    }
    if (OperationForm *form = currentForm(); form && form->operation().id != m_operationAtStart)
        Settings::lastOperation.setValue(settings, form->operation().id);
    QMainWindow::closeEvent(event);
}

// A dock that holds nothing until it is first shown: then `build` fills it (and must do
// nothing when it is filled already). Hidden docks cost the start-up nothing this way.
QDockWidget *MainWindow::addLazyDock(const QString &title, const QString &objectName,
                                     Qt::DockWidgetArea area, std::function<void()> build)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->hide();
    connect(dock, &QDockWidget::visibilityChanged, this, [build = std::move(build)](bool visible) {
        if (visible)
            build();
    });
    addDockWidget(area, dock);
    return dock;
}

// The sandbox browser: a dock, hidden until asked for in the View menu; it lists what the
// in-process sandbox holds while the connection is that sandbox.
void MainWindow::createSandboxDock(QMenu *view)
{
#ifdef JOURNY_HAS_SANDBOX
    QDockWidget *dock = addLazyDock(tr("Sandbox browser"), u"sandboxBrowserDock"_s,
                                    Qt::BottomDockWidgetArea, [this] { sandboxBrowser(); });
    m_sandboxBrowserAction = dock->toggleViewAction();
    m_sandboxBrowserAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
    m_sandboxBrowserAction->setToolTip(tr("What the built-in sandbox holds (Ctrl+Shift+B)"));
    view->addSeparator();
    view->addAction(m_sandboxBrowserAction);
#else
    Q_UNUSED(view)
#endif
}

SandboxBrowser *MainWindow::sandboxBrowser()
{
#ifdef JOURNY_HAS_SANDBOX
    if (!m_sandboxBrowser) {
        if (auto *dock = findChild<QDockWidget *>(u"sandboxBrowserDock"_s)) {
            m_sandboxBrowser = new SandboxBrowser;
            dock->setWidget(m_sandboxBrowser);
            updateSandboxBrowser();
        }
    }
#endif
    return m_sandboxBrowser;
}

void MainWindow::updateSandboxBrowser()
{
#ifdef JOURNY_HAS_SANDBOX
    if (!m_sandboxBrowser)
        return;
    const bool onSandbox = m_sandbox && m_connected && m_client->baseUrl() == m_sandbox->baseUrl();
    m_sandboxBrowser->setState(onSandbox ? m_sandbox->state() : nullptr);
#endif
}

// ---- Profiles: switcher, profile dialog, production banner, keychain notice ----

QWidget *MainWindow::createProfiles()
{
    m_profiles = new ProfileStore(this);
    m_secrets = new SecretStore(this);
    m_profileSession = new ProfileSession(m_profiles, m_secrets, m_client, this);
    m_profileSwitcher = new ProfileSwitcher(m_profiles, this);
    m_productionBanner = new ProductionBanner;
    m_secretStoreNotice = new SecretStoreNotice(m_secrets);

    connect(m_profileSwitcher, &ProfileSwitcher::profileChosen, m_profileSession,
            &ProfileSession::choose);
    connect(m_profileSwitcher, &ProfileSwitcher::manageRequested, this,
            &MainWindow::openProfileDialog);
    connect(m_profileSession, &ProfileSession::connectRequested, this,
            &MainWindow::onProfileConnect);
    connect(m_profileSession, &ProfileSession::activeProfileUpdated, this,
            [this](const Profile &profile) {
                m_profileSwitcher->showProfile(profile);
                m_productionBanner->showProfile(profile);
            });
    connect(m_profileSession, &ProfileSession::keyMissing, this, [this](const Profile &profile) {
        m_inspector->showHint(tr("The profile “%1” has no API key yet: set one in Profiles "
                                 "(Ctrl+,).")
                                  .arg(profile.name));
    });
    connect(m_profileSession, &ProfileSession::permissionsChanged, this,
            &MainWindow::applyPermissionMarks);
    connect(m_secretStoreNotice, &SecretStoreNotice::retryRequested, this,
            &MainWindow::activateStoredProfile);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_productionBanner);
    layout->addWidget(m_secretStoreNotice);
    layout->addWidget(m_splitter, 1);
    return central;
}

void MainWindow::activateStoredProfile()
{
    m_profileSession->activateStored();
}

void MainWindow::onProfileConnect(const Profile &profile, const QString &apiKey)
{
    m_connectingProfile = true;
    if (profile.isSandbox())
        startBuiltInSandbox();
    else
        connectTo(profile.baseUrl, apiKey, profile.name);
    m_connectingProfile = false;
    if (m_connected && m_client->baseUrl() == (profile.isSandbox() && m_sandbox
                                                   ? m_sandbox->baseUrl()
                                                   : profile.baseUrl))
        m_profileSession->validateKey(); // what the key may do, before anything is sent
}

// connectTo() calls this: a profile's connection shows the profile, any other the name.
void MainWindow::showConnectionTarget(const QString &name)
{
    if (m_connectingProfile) {
        const Profile &profile = m_profileSession->activeProfile();
        m_profileSwitcher->showProfile(profile);
        m_productionBanner->showProfile(profile);
        return;
    }
    m_profileSession->clearActive();
    m_profileSwitcher->showConnection(name);
    m_productionBanner->clear();
}

void MainWindow::applyPermissionMarks()
{
    for (OperationForm *operationForm : std::as_const(m_forms))
        operationForm->setMissingPermission(
            m_profileSession->missingPermission(operationForm->operation()));
}

void MainWindow::openProfileDialog()
{
    if (!m_profileDialog)
        m_profileDialog = new ProfileDialog(m_profiles, m_secrets, this);
#ifdef JOURNY_HAS_SANDBOX
    if (m_sandbox)
        m_profileDialog->setSandboxConnection(m_sandbox->baseUrl(), m_sandbox->createDefaultKey());
#endif
    m_profileDialog->selectProfile(m_profileSession->hasActiveProfile()
                                       ? m_profileSession->activeProfile().id
                                       : m_profiles->activeProfileId());
    m_profileDialog->open();
    m_profileDialog->raise();
}

// The questions before a send: deletes name what they delete, and on a production profile
// every write says so (unless the profile's confirmWrites is off). One question at most.
bool MainWindow::confirmSend(OperationForm *form)
{
    const Operation &operation = form->operation();
    const Profile &profile = m_profileSession->activeProfile();
    const bool production = m_profileSession->hasActiveProfile() &&
                            profile.needsWriteConfirmation() && operation.isWrite();
    QString question = form->confirmation();
    if (question.isEmpty() && !production)
        return true;
    QString accept = operation.isDelete() ? tr("Delete") : tr("Send");
    if (production) {
        const QString warning = tr("This goes to the PRODUCTION profile “%1” (%2): it changes "
                                   "real customer data.")
                                    .arg(profile.name, profile.baseUrl.host());
        const QString send = tr("Send %1 %2?").arg(QString::fromLatin1(operation.method),
                                                    operation.path);
        question = question.isEmpty() ? QString(warning + u' ' + send)
                                      : QString(warning + u"\n\n"_s + question);
        accept = operation.isDelete() ? tr("Delete on production") : tr("Send to production");
    }
    if (MessageBox::confirm(this, operation.summary, question, accept))
        return true;
    statusBar()->showMessage(operation.isDelete() ? tr("Nothing was deleted.")
                                                  : tr("Nothing was sent."),
                             5000);
    return false;
}
