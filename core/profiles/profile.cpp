#include "profile.h"

#include <QCoreApplication>
#include <QUuid>

using namespace Qt::StringLiterals;

Profile Profile::sandbox()
{
    Profile profile;
    profile.id = SandboxId.toString();
    profile.name = QCoreApplication::translate("Profile", "Sandbox");
    profile.baseUrl = QUrl();
    profile.colour = u"#3a9d5d"_s;
    profile.confirmWrites = false;
    return profile;
}

QString Profile::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}
