# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'unlock.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QLabel, QLineEdit,
    QProgressBar, QPushButton, QSizePolicy, QSpacerItem,
    QStackedWidget, QVBoxLayout, QWidget)

class Ui_UnlockPage(object):
    def setupUi(self, UnlockPage):
        if not UnlockPage.objectName():
            UnlockPage.setObjectName(u"UnlockPage")
        UnlockPage.resize(800, 600)
        self.outerLayout = QHBoxLayout(UnlockPage)
        self.outerLayout.setObjectName(u"outerLayout")
        self.leftSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.outerLayout.addItem(self.leftSpacer)

        self.modes = QStackedWidget(UnlockPage)
        self.modes.setObjectName(u"modes")
        self.modes.setMaximumSize(QSize(560, 16777215))
        self.unlockMode = QWidget()
        self.unlockMode.setObjectName(u"unlockMode")
        self.unlockLayout = QVBoxLayout(self.unlockMode)
        self.unlockLayout.setObjectName(u"unlockLayout")
        self.topSpacer = QSpacerItem(20, 40, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.unlockLayout.addItem(self.topSpacer)

        self.heading = QLabel(self.unlockMode)
        self.heading.setObjectName(u"heading")

        self.unlockLayout.addWidget(self.heading)

        self.promptLabel = QLabel(self.unlockMode)
        self.promptLabel.setObjectName(u"promptLabel")

        self.unlockLayout.addWidget(self.promptLabel)

        self.secretEdit = QLineEdit(self.unlockMode)
        self.secretEdit.setObjectName(u"secretEdit")
        self.secretEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.unlockLayout.addWidget(self.secretEdit)

        self.messageLabel = QLabel(self.unlockMode)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setWordWrap(True)

        self.unlockLayout.addWidget(self.messageLabel)

        self.busyBar = QProgressBar(self.unlockMode)
        self.busyBar.setObjectName(u"busyBar")
        self.busyBar.setMaximum(0)
        self.busyBar.setTextVisible(False)

        self.unlockLayout.addWidget(self.busyBar)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.unlockButton = QPushButton(self.unlockMode)
        self.unlockButton.setObjectName(u"unlockButton")

        self.buttonRow.addWidget(self.unlockButton)

        self.switchModeButton = QPushButton(self.unlockMode)
        self.switchModeButton.setObjectName(u"switchModeButton")
        self.switchModeButton.setFlat(True)

        self.buttonRow.addWidget(self.switchModeButton)

        self.buttonSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)


        self.unlockLayout.addLayout(self.buttonRow)

        self.bottomSpacer = QSpacerItem(20, 40, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.unlockLayout.addItem(self.bottomSpacer)

        self.modes.addWidget(self.unlockMode)
        self.newPassphraseMode = QWidget()
        self.newPassphraseMode.setObjectName(u"newPassphraseMode")
        self.newPassphraseLayout = QVBoxLayout(self.newPassphraseMode)
        self.newPassphraseLayout.setObjectName(u"newPassphraseLayout")
        self.topSpacer2 = QSpacerItem(20, 40, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.newPassphraseLayout.addItem(self.topSpacer2)

        self.newHeading = QLabel(self.newPassphraseMode)
        self.newHeading.setObjectName(u"newHeading")

        self.newPassphraseLayout.addWidget(self.newHeading)

        self.newExplanation = QLabel(self.newPassphraseMode)
        self.newExplanation.setObjectName(u"newExplanation")
        self.newExplanation.setWordWrap(True)

        self.newPassphraseLayout.addWidget(self.newExplanation)

        self.newPassphraseLabel = QLabel(self.newPassphraseMode)
        self.newPassphraseLabel.setObjectName(u"newPassphraseLabel")

        self.newPassphraseLayout.addWidget(self.newPassphraseLabel)

        self.newPassphraseEdit = QLineEdit(self.newPassphraseMode)
        self.newPassphraseEdit.setObjectName(u"newPassphraseEdit")
        self.newPassphraseEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.newPassphraseLayout.addWidget(self.newPassphraseEdit)

        self.newStrengthLabel = QLabel(self.newPassphraseMode)
        self.newStrengthLabel.setObjectName(u"newStrengthLabel")
        self.newStrengthLabel.setWordWrap(True)

        self.newPassphraseLayout.addWidget(self.newStrengthLabel)

        self.newConfirmLabel = QLabel(self.newPassphraseMode)
        self.newConfirmLabel.setObjectName(u"newConfirmLabel")

        self.newPassphraseLayout.addWidget(self.newConfirmLabel)

        self.newConfirmEdit = QLineEdit(self.newPassphraseMode)
        self.newConfirmEdit.setObjectName(u"newConfirmEdit")
        self.newConfirmEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.newPassphraseLayout.addWidget(self.newConfirmEdit)

        self.newMessageLabel = QLabel(self.newPassphraseMode)
        self.newMessageLabel.setObjectName(u"newMessageLabel")
        self.newMessageLabel.setWordWrap(True)

        self.newPassphraseLayout.addWidget(self.newMessageLabel)

        self.newBusyBar = QProgressBar(self.newPassphraseMode)
        self.newBusyBar.setObjectName(u"newBusyBar")
        self.newBusyBar.setMaximum(0)
        self.newBusyBar.setTextVisible(False)

        self.newPassphraseLayout.addWidget(self.newBusyBar)

        self.newButtonRow = QHBoxLayout()
        self.newButtonRow.setObjectName(u"newButtonRow")
        self.savePassphraseButton = QPushButton(self.newPassphraseMode)
        self.savePassphraseButton.setObjectName(u"savePassphraseButton")

        self.newButtonRow.addWidget(self.savePassphraseButton)

        self.newButtonSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.newButtonRow.addItem(self.newButtonSpacer)


        self.newPassphraseLayout.addLayout(self.newButtonRow)

        self.bottomSpacer2 = QSpacerItem(20, 40, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.newPassphraseLayout.addItem(self.bottomSpacer2)

        self.modes.addWidget(self.newPassphraseMode)

        self.outerLayout.addWidget(self.modes)

        self.rightSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.outerLayout.addItem(self.rightSpacer)

#if QT_CONFIG(shortcut)
        self.promptLabel.setBuddy(self.secretEdit)
        self.newPassphraseLabel.setBuddy(self.newPassphraseEdit)
        self.newConfirmLabel.setBuddy(self.newConfirmEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.secretEdit, self.unlockButton)
        QWidget.setTabOrder(self.unlockButton, self.switchModeButton)
        QWidget.setTabOrder(self.switchModeButton, self.newPassphraseEdit)
        QWidget.setTabOrder(self.newPassphraseEdit, self.newConfirmEdit)
        QWidget.setTabOrder(self.newConfirmEdit, self.savePassphraseButton)

        self.retranslateUi(UnlockPage)

        self.unlockButton.setDefault(True)


        QMetaObject.connectSlotsByName(UnlockPage)
    # setupUi

    def retranslateUi(self, UnlockPage):
        self.heading.setText(QCoreApplication.translate("UnlockPage", u"CE Desktop is locked", None))
#if QT_CONFIG(accessibility)
        self.heading.setAccessibleName(QCoreApplication.translate("UnlockPage", u"CE Desktop is locked", None))
#endif // QT_CONFIG(accessibility)
        self.promptLabel.setText(QCoreApplication.translate("UnlockPage", u"Passphrase", None))
#if QT_CONFIG(accessibility)
        self.secretEdit.setAccessibleName(QCoreApplication.translate("UnlockPage", u"Passphrase", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.messageLabel.setAccessibleName(QCoreApplication.translate("UnlockPage", u"Message", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.busyBar.setAccessibleName(QCoreApplication.translate("UnlockPage", u"Unlocking", None))
#endif // QT_CONFIG(accessibility)
        self.unlockButton.setText(QCoreApplication.translate("UnlockPage", u"Unlock", None))
        self.switchModeButton.setText(QCoreApplication.translate("UnlockPage", u"Use the recovery key instead", None))
        self.newHeading.setText(QCoreApplication.translate("UnlockPage", u"Choose a new passphrase", None))
        self.newExplanation.setText(QCoreApplication.translate("UnlockPage", u"You opened CE Desktop with the recovery key, so you need to choose a new passphrase before you continue. Your recovery key still works.", None))
        self.newPassphraseLabel.setText(QCoreApplication.translate("UnlockPage", u"New passphrase", None))
#if QT_CONFIG(accessibility)
        self.newPassphraseEdit.setAccessibleName(QCoreApplication.translate("UnlockPage", u"New passphrase", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.newStrengthLabel.setAccessibleName(QCoreApplication.translate("UnlockPage", u"Passphrase strength", None))
#endif // QT_CONFIG(accessibility)
        self.newConfirmLabel.setText(QCoreApplication.translate("UnlockPage", u"Type the new passphrase again", None))
#if QT_CONFIG(accessibility)
        self.newConfirmEdit.setAccessibleName(QCoreApplication.translate("UnlockPage", u"Type the new passphrase again", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.newMessageLabel.setAccessibleName(QCoreApplication.translate("UnlockPage", u"Message", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.newBusyBar.setAccessibleName(QCoreApplication.translate("UnlockPage", u"Saving the new passphrase", None))
#endif // QT_CONFIG(accessibility)
        self.savePassphraseButton.setText(QCoreApplication.translate("UnlockPage", u"Save the new passphrase", None))
        pass
    # retranslateUi

