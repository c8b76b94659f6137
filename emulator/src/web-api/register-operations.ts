// Each Web API area registers its functions and actions by being imported here.
import "./operations/who-am-i";
import "./operations/privileges";
import "./email-tracking/check-incoming";
import "./email-tracking/check-promote";
import "./email-tracking/deliver";
